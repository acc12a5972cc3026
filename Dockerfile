# The dlgrade image: web site, grading workers and beat (docker-compose.yml picks the command).
#   docker build -t dlgrade .                                     # CPU torch
#   docker build -t dlgrade-gpu --build-arg TORCH_INDEX_URL=https://download.pytorch.org/whl/cu128 .
FROM python:3.11-slim-bookworm

ARG TORCH_SPEC="torch==2.13.0"
ARG TORCH_INDEX_URL=https://download.pytorch.org/whl/cpu

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DLGRADE_INSTANCE=/var/lib/dlgrade

WORKDIR /app

# torch first: the largest layer, and the one that differs between the CPU and GPU images
RUN pip install --index-url "${TORCH_INDEX_URL}" "${TORCH_SPEC}"

COPY pyproject.toml README.md ./
COPY reference ./reference
COPY exercises ./exercises
COPY grader ./grader
COPY webapp ./webapp
RUN pip install . && mkdir -p "${DLGRADE_INSTANCE}"

EXPOSE 8000
# the sandbox (namespaces, cgroups) needs root inside the container; learner code never runs
# as this user: each submission gets its own sandboxed child (grader/sandbox)
CMD ["gunicorn", "--bind=0.0.0.0:8000", "--workers=4", "webapp:create_app()"]
