/** The meshGroups setting: the CLI flag and the Lambdas' CERTWATCH_MESH_GROUPS. */
import { ENV } from '#config/env-names';
import { EnvError, readLambdaEnv } from '#config/lambda-env';
import { MeshGroupError, parseMeshGroup } from '#config/mesh-groups';

it('parses NAME[:MESH]=C1,C2', () => {
  expect(parseMeshGroup('prod:istio=east, west')).toEqual({
    name: 'prod',
    mesh: 'istio',
    clusters: ['east', 'west'],
  });
  expect(parseMeshGroup('all=a,b,c')).toEqual({ name: 'all', clusters: ['a', 'b', 'c'] });
});

it.each(['prod=east', 'prod:kuma=a,b', '=a,b', 'no-equals'])(
  'refuses %s, saying what it expects',
  (value) => {
    expect(() => parseMeshGroup(value)).toThrow(MeshGroupError);
    expect(() => parseMeshGroup(value)).toThrow(/expected NAME\[:istio\|linkerd\|consul\]=CLUSTER,CLUSTER/);
  },
);

it('the Lambdas read CERTWATCH_MESH_GROUPS as JSON, and name it when it is wrong', () => {
  const base = { [ENV.tableName]: 'history' };
  expect(readLambdaEnv(base).fleet?.meshGroups).toEqual([]);
  const groups = [{ name: 'wan', mesh: 'consul', clusters: ['eks:1:eu-west-1:a', 'b'] }];
  expect(readLambdaEnv({ ...base, [ENV.meshGroups]: JSON.stringify(groups) }).fleet?.meshGroups).toEqual(
    groups,
  );
  const bad = () => readLambdaEnv({ ...base, [ENV.meshGroups]: '[{"name":"x","clusters":["only-one"]}]' });
  expect(bad).toThrow(EnvError);
  expect(bad).toThrow(/CERTWATCH_MESH_GROUPS/);
});
