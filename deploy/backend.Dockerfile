# syntax=docker/dockerfile:1
# The backend image: the router and the three subgraphs, one image, the service chosen by the command.
#   docker build -f deploy/backend.Dockerfile -t trading-backend .
#   docker run trading-backend                                          # the router (the default command)
#   docker run trading-backend node --import tsx subgraphs/users/src/main.ts
# TypeScript runs through tsx's loader (`node --import tsx`), as in development: there is no build step for the
# backend, so tsx is a production dependency of the root package.

ARG NODE_IMAGE=node:20-bookworm-slim

# Production dependencies from the lockfile. Every workspace's package.json is copied because `npm ci` checks the
# whole lockfile; only the sources the services run are copied into the final stage.
FROM ${NODE_IMAGE} AS deps
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
# The services' workspaces and the root (tsx) only: not the web app's, the schema tooling's or the stack's.
# --ignore-scripts: bcrypt, classic-level (dynalite's LevelDB) and esbuild load the prebuilt binaries their packages
# ship; no install script needs to run, and none from a dependency gets to.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --ignore-scripts --no-audit --no-fund --include-workspace-root \
      --workspace packages/platform --workspace packages/ledger --workspace router \
      --workspace subgraphs/users --workspace subgraphs/inventory --workspace subgraphs/orders

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    DATA_DIR=/tmp/trading-data \
    HOST=0.0.0.0
WORKDIR /app
# node_modules (the root's and any nested in a workspace) and the workspace manifests, owned by root: the service
# user can read the application but not change it.
COPY --from=deps /app ./
COPY tsconfig.base.json tsconfig.json ./
COPY packages/platform/src packages/platform/src
COPY packages/ledger/src packages/ledger/src
COPY subgraphs/users/schema.graphql subgraphs/users/
COPY subgraphs/users/src subgraphs/users/src
COPY subgraphs/inventory/schema.graphql subgraphs/inventory/
COPY subgraphs/inventory/src subgraphs/inventory/src
COPY subgraphs/orders/schema.graphql subgraphs/orders/
COPY subgraphs/orders/src subgraphs/orders/src
COPY router/src router/src
COPY schema/supergraph.graphql schema/
# The web app's persisted query manifest, for a router run with SAFELIST_FILE=/app/web/persisted-query-manifest.json.
COPY web/persisted-query-manifest.json web/

# The `node` user of the base image, by number so that Kubernetes can check runAsNonRoot.
USER 1000:1000
EXPOSE 4000 4001 4002 4003
# Every service answers GET /health on its PORT (the router's default, 4000, when PORT is unset).
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "--import", "tsx", "router/src/main.ts"]
