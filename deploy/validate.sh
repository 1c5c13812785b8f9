#!/usr/bin/env bash
# Validates the deployment files without a Docker engine or a cluster (CI runs it from .ci/run):
#   1. docker-compose.yml against Compose's schema (`docker-compose config -q`, with throwaway secrets),
#   2. the CloudFormation template of the DynamoDB tables is what tables.ts generates (`--check`),
#   3. both kustomize overlays render (`kubectl kustomize`),
#   4. the jest tests of deploy/test: the rendered manifests against the Kubernetes schemas and the platform's rules,
#      docker-compose.yml, the Dockerfiles and the template against tables.ts.
# The images are not built: no Docker engine runs here (deploy/README.md, "What CI checks").
# docker-compose comes from Debian when missing. kubectl is not in Debian (its kubernetes-client 1.20 has a
# kustomize too old for these overlays): without a kubectl that has kustomize v5, step 3 and the rendering tests
# are skipped with a message, and the rest still runs.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf -- '-- %s\n' "$1"; }

if ! command -v docker-compose >/dev/null 2>&1; then
  say "installing docker-compose (Debian)"
  # The package lists may be fresh from .ci/run's tools step, or absent on a new machine: update only when needed.
  apt-get install -y -qq docker-compose >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq docker-compose >/dev/null; }
fi
say "docker-compose config ($(docker-compose version --short 2>/dev/null || echo unknown))"
# Random values that pass the services' own checks are not needed here: Compose only checks they are set.
JWT_SECRET=validate-only-jwt-secret INTERNAL_SECRET=validate-only-internal-secret \
  docker-compose -f docker-compose.yml config -q
# And without them, Compose must refuse with the message that names the variable.
if env -u JWT_SECRET -u INTERNAL_SECRET docker-compose -f docker-compose.yml config -q >/dev/null 2>&1; then
  echo "docker-compose.yml accepted missing secrets: JWT_SECRET and INTERNAL_SECRET must be required (\${VAR:?message})" >&2
  exit 1
fi

say "CloudFormation template of the DynamoDB tables"
npm run --silent deploy:aws-tables -- --check

if kubectl version --client 2>/dev/null | grep -q 'Kustomize Version: v[5-9]'; then
  for overlay in dev prod; do
    say "kubectl kustomize deploy/k8s/overlays/$overlay"
    kubectl kustomize "deploy/k8s/overlays/$overlay" >/dev/null
  done
else
  say "SKIPPED: kubectl with kustomize v5 not found; the Kubernetes overlays are neither rendered nor validated"
fi

say "jest deploy/test"
npx jest deploy/test
