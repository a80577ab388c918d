# syntax=docker/dockerfile:1
# One image per app, all from this file:
#   docker build --build-arg APP=services/intake -t civitas/intake .
#   docker build --build-arg APP=gateway         -t civitas/gateway .
# APP is services/intake | services/cases | services/citizens | services/routing |
# services/analytics | gateway. See docs/adr/0005-deployment.md.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- manifests: only the package.json files, so the npm install layer below stays cached until a
# manifest or the lock file changes (a source edit changes this stage, not its output).
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir -p /manifests \
 && cp package-lock.json /manifests/ \
 && find . -name node_modules -prune -o -name package.json -print | xargs cp --parents -t /manifests/

# --- build: install with the lock file, compile the app and the libs it references.
FROM ${NODE_IMAGE} AS build
# The npm the lock file was written and checked with (docs/stack.md); the image's npm 10 would
# install the same tree but ignore the lock file's libc fields.
ARG NPM_VERSION=11.19.1
RUN npm install -g --no-audit --no-fund "npm@${NPM_VERSION}"
WORKDIR /repo
COPY --from=manifests /manifests/ ./
# `npm ci` fails with this lock file (no other-platform builds listed; docs/stack.md pitfall 8);
# `npm install` honours it. No dependency needs an install script (pitfall 9).
RUN --mount=type=cache,target=/root/.npm \
    npm install --ignore-scripts --no-audit --no-fund
COPY . .
# Declared only now: a build arg is part of the cache key of every later RUN, and the layers above
# are the same for all six apps.
ARG APP
RUN case "$APP" in \
      services/intake|services/cases|services/citizens|services/routing|services/analytics|gateway) ;; \
      *) echo "build arg APP must be services/<intake|cases|citizens|routing|analytics> or gateway, got '$APP'" >&2; exit 1 ;; \
    esac
RUN npx tsc -b "$APP"
# The gateway serves a composed supergraph. Compose it from the committed subgraph SDL when the
# composed file is not committed itself; fails the build (naming the files) when neither is.
RUN if [ "$APP" = gateway ] && [ ! -f gateway/supergraph.graphql ]; then \
      npx tsc -b tools && node tools/dist/write-schemas.js; \
    fi
# The gateway serves the web app at / (docs/adr/0072): built with Vite into web/dist/app.
RUN if [ "$APP" = gateway ]; then node web/build.mjs --force; fi
# What the runtime needs, laid out as in the repository: every workspace's package.json (the
# node_modules/@civitas/* links point at them), built libs, the app's dist and its SDL files.
RUN mkdir -p /out \
 && find . -name node_modules -prune -o -name package.json -print | xargs cp --parents -t /out/ \
 && for lib in libs/*; do \
      if [ -d "$lib/dist" ]; then cp -r --parents "$lib/dist" /out/; fi; \
    done \
 && cp -r --parents "$APP/dist" /out/ \
 && find "$APP" -maxdepth 1 -name '*.graphql' -exec cp --parents {} /out/ \; \
 && if [ "$APP" = gateway ]; then cp -r --parents web/dist/app /out/; fi \
 && find /out -name '*.tsbuildinfo' -delete

# --- runtime
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
# First and identical for every app, so the six images share this (large) layer.
COPY --from=build /repo/node_modules ./node_modules
ARG APP
# Production unless the deployment says otherwise (docker-compose.yml runs development).
# A larger young generation, as the launcher's SERVICE_NODE_ARGS: docs/adr/0066.
ENV NODE_ENV=production \
    NODE_OPTIONS="--enable-source-maps --max-semi-space-size=32" \
    HOST=0.0.0.0 \
    APP=${APP} \
    APP_MAIN=${APP}/dist/main.js
# Owned by root and read-only to the app's user, which suits a read-only root file system.
COPY --from=build /out/ ./
USER node
# exec: node is PID 1 and receives SIGTERM itself (Nest's shutdown hooks close the app).
CMD ["sh", "-c", "exec node \"$APP_MAIN\""]
