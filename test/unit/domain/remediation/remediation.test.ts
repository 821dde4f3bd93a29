/** actionFor: each mesh's own procedure for CAs, "none" for what renews itself. */
import { actionFor } from '../../../../lambda/domain/digest/actions';

describe('actionFor', () => {
  it.each([
    ['istio-root', 'root', 'istio', false, /Istio plug-in CA.*cacerts/],
    ['istio-intermediate', 'intermediate', 'istio', false, /cacerts Secret/],
    ['linkerd-trust-anchor', 'root', 'linkerd', false, /bundle new and old anchors.*issuer/],
    ['linkerd-issuer', 'intermediate', 'linkerd', false, /identity-issuer-certificate-file/],
    ['consul-root', 'root', 'consul', false, /consul connect ca set-config/],
    ['tls', 'leaf', 'cert-manager', true, /cert-manager renews it at renewalTime/],
    ['istio-workload', 'leaf', 'istio', true, /^None: istiod rotates/],
    ['vault-intermediate', 'intermediate', 'vault', false, /Vault PKI/],
    ['something', 'root', undefined, false, /root rotation by hand/],
    ['something', 'leaf', undefined, false, /replacement certificate/],
  ] as const)('%s (%s, %s, automatic=%s)', (role, level, mesh, automatic, expected) => {
    expect(actionFor(role, level, mesh, automatic)).toMatch(expected);
  });
});
