# certwatch for `certwatch serve` in a cluster (deploy/kubernetes). Not built in this repository's
# CI (no Docker there): `docker build -t registry.example.com/certwatch:0.1.0 .` and push it yourself.
#
# Stage 1 compiles the CLI (lambda/ -> dist/ with esbuild) and keeps only the runtime dependencies
# (plus the optional dynalite for --store local); stage 2 is node:22-slim with no npm cache, no
# sources, no dev tools, running as the image's unprivileged `node` user (uid 1000).
FROM node:22-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json ./
COPY scripts scripts
COPY bin bin
COPY lambda lambda
# `npm ci` runs `prepare`, which compiles lambda/ into dist/; prune then drops the dev dependencies.
RUN npm ci --no-audit --no-fund \
 && npm prune --omit=dev --no-audit --no-fund

FROM node:22-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /src/package.json ./
COPY --from=build /src/node_modules node_modules
COPY --from=build /src/bin bin
COPY --from=build /src/dist dist
USER 1000:1000
EXPOSE 9797
ENTRYPOINT ["node", "/app/bin/certwatch.js"]
CMD ["serve"]
