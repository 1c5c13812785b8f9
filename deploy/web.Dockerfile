# syntax=docker/dockerfile:1
# The web image: the traders' app (web/, built by Vite) served by nginx as an unprivileged user on port 8080.
#   docker build -f deploy/web.Dockerfile -t trading-web .
# In Kubernetes it serves the static files only (deploy/nginx/web.conf) and the Ingress routes /graphql to the
# routers; docker-compose mounts deploy/nginx/load-balancer.conf over it to balance /graphql over two routers too.

ARG NODE_IMAGE=node:20-bookworm-slim
ARG NGINX_IMAGE=nginxinc/nginx-unprivileged:1.28-alpine

FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/platform/package.json packages/platform/
COPY packages/ledger/package.json packages/ledger/
COPY stack/package.json stack/
COPY subgraphs/users/package.json subgraphs/users/
COPY subgraphs/inventory/package.json subgraphs/inventory/
COPY subgraphs/orders/package.json subgraphs/orders/
COPY router/package.json router/
COPY schema/package.json schema/
COPY web/package.json web/
# The web workspace's dependencies only (Vite and its plugins are dev dependencies of the build).
RUN --mount=type=cache,target=/root/.npm \
    npm ci --workspace web --include-workspace-root=false --ignore-scripts --no-audit --no-fund
COPY web/index.html web/vite.config.ts web/tsconfig.json web/
COPY web/src web/src
# Source maps are for error tracking, not for the public: they stay out of the image.
RUN npm run build -w web && find web/dist -name '*.map' -delete

FROM ${NGINX_IMAGE} AS runtime
COPY deploy/nginx/web.conf /etc/nginx/conf.d/default.conf
COPY deploy/nginx/web-app.conf deploy/nginx/security-headers.conf /etc/nginx/trading/
COPY --from=build /app/web/dist /usr/share/nginx/html
# The image's unprivileged nginx user, by number so that Kubernetes can check runAsNonRoot.
USER 101
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD ["wget", "-q", "-O", "/dev/null", "http://127.0.0.1:8080/healthz"]
