/**
 * The exact grant that lets certwatch read some Secrets of one namespace by name, as the kubectl
 * commands an operator can paste (blind spots print it; `certwatch rbac --from-cluster` prints the
 * same permission as YAML). Pure.
 */

/** Name of the Role the printed commands create (apart from `certwatch rbac`'s own Role). */
export const SECRET_GRANT_ROLE = 'certwatch-secrets';

/** `kubectl` commands granting `get` on exactly `names` in `namespace` to `group`. */
export function secretReadGrant(namespace: string, names: readonly string[], group = 'certwatch'): string {
  const resourceNames = [...new Set(names)]
    .sort()
    .map((name) => `--resource-name=${name}`)
    .join(' ');
  return (
    `kubectl -n ${namespace} create role ${SECRET_GRANT_ROLE} --verb=get --resource=secrets ${resourceNames}` +
    ` && kubectl -n ${namespace} create rolebinding ${SECRET_GRANT_ROLE} --role=${SECRET_GRANT_ROLE} --group=${group}`
  );
}
