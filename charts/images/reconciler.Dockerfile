# The bundled KataConfig reconciler: compiled TypeScript on the UBI 9 minimal Node.js runtime,
# production dependencies only, non-root. Build from the repository root:
#   podman build -f charts/images/reconciler.Dockerfile -t <registry>/kata-console-plugin-reconciler:<version> .

# UBI_REGISTRY: the registry that serves Red Hat's UBI 9 images (pass --build-arg UBI_REGISTRY=...).
ARG UBI_REGISTRY

FROM ${UBI_REGISTRY}/ubi9/nodejs-22:latest AS build
USER root
WORKDIR /opt/app-root/build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY charts/images/tsconfig.reconciler.json ./charts/images/
COPY src/shared ./src/shared
COPY src/reconciler ./src/reconciler
RUN npx tsc -p charts/images/tsconfig.reconciler.json

FROM ${UBI_REGISTRY}/ubi9/nodejs-22-minimal:latest
LABEL name="kata-console-plugin-reconciler" \
      summary="KataConfig reconciler bundled with the kata-console-plugin" \
      io.openshift.tags="openshift,kata,sandboxed-containers"
USER root
WORKDIR /opt/app-root/app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /opt/app-root/build/out ./out
USER 1001
ENV NODE_ENV=production
EXPOSE 8080 8081
ENTRYPOINT ["node", "out/reconciler/main.js"]
