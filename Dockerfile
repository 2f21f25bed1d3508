# syntax=docker/dockerfile:1
# Two stages: the workspace is built with pnpm and packed into tarballs, which are installed
# globally with npm (production dependencies only, as on a server: docs/install.md); the runtime
# image gets that installation and nothing else of the repository.
FROM node:20-bookworm-slim AS build
# better-sqlite3 is native: compiled here when no prebuilt binary matches.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/* && npm install -g pnpm@10
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile && pnpm build \
    && pnpm -r --filter "./packages/*" pack --pack-destination /tarballs
RUN npm install -g --prefix /opt/kaspi-connect --omit=dev --no-audit --no-fund /tarballs/*.tgz \
    && /opt/kaspi-connect/bin/kaspi-connect --help >/dev/null

# Same base image as the build stage, so the compiled module matches its Node.js.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PATH=/opt/kaspi-connect/bin:$PATH
COPY --from=build /opt/kaspi-connect /opt/kaspi-connect
RUN useradd --system --create-home --home-dir /data kaspi-connect
USER kaspi-connect
WORKDIR /data
EXPOSE 8080
VOLUME ["/data"]
ENTRYPOINT ["node", "/opt/kaspi-connect/lib/node_modules/@kaspi-connect/runner/bin/kaspi-connect.js"]
CMD ["run"]
