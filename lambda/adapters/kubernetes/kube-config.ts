/**
 * client-node's KubeConfig — kubeconfig files and contexts, TLS material, tokens, exec and
 * auth-provider plugins — the one part of @kubernetes/client-node certwatch uses (requests go
 * through kube-request.ts). In a module of its own so the CLI build can bundle it alone
 * (scripts/build-cli.js): the package's index loads every generated API model and undici, about
 * 85 MB of memory, for a class that needs neither to read a kubeconfig and sign requests.
 */
export { KubeConfig } from '@kubernetes/client-node';
