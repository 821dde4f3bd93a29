/** Static bearer tokens of a simulator plus an optional custom validator (e.g. EKS tokens). */
import type { Identity } from './api-handler';
import type { TokenAuthenticator } from './server';
import type { SimUser } from './types';

/** Always present: in `system:masters`, which the real authorizer lets do anything. */
export const ADMIN: SimUser = { name: 'admin', groups: ['system:masters'] };

/** Users and their tokens; every identity it returns carries `system:authenticated`. */
export class UserDirectory {
  private readonly users = new Map<string, SimUser>();

  constructor(
    users: readonly SimUser[],
    private readonly custom?: TokenAuthenticator,
  ) {
    for (const user of [ADMIN, ...users]) this.add(user);
  }

  /** Adds or replaces a user; returns its token (`<name>-token` unless given). */
  add(user: SimUser): string {
    this.users.set(user.name, user);
    return this.tokenOf(user);
  }

  /** The token of a known user; throws for an unknown one. */
  token(name: string): string {
    const user = this.users.get(name);
    if (!user) throw new Error(`simulator: no user "${name}"`);
    return this.tokenOf(user);
  }

  /** The identity behind a token: static users first, then the custom validator. */
  readonly authenticate: TokenAuthenticator = async (token) => {
    const user = [...this.users.values()].find((u) => this.tokenOf(u) === token);
    const identity: Identity | undefined = user
      ? { name: user.name, groups: user.groups ?? [] }
      : await this.custom?.(token);
    return identity && { name: identity.name, groups: [...identity.groups, 'system:authenticated'] };
  };

  private tokenOf(user: SimUser): string {
    return user.token ?? `${user.name}-token`;
  }
}
