import { sortTopLevelDefinitions as apollos } from '@apollo/persisted-query-lists';
import { parse, print } from 'graphql';
import manifest from '../../persisted-query-manifest.json';
import { DashboardPageDocument } from '../pages/dashboard/DashboardPage';
import { sortTopLevelDefinitions } from './persisted-order';
import { requestRefresh } from '../session/refresh';

test('operations are put in the manifest order: the operation, then its fragments by name, as Apollo does it', () => {
  const document = parse('fragment Z on Asset { symbol } query Q { asset(symbol: "BTC") { ...Z ...A } } fragment A on Asset { name }');
  expect(print(sortTopLevelDefinitions(document))).toBe(print(apollos(document)));
  expect(sortTopLevelDefinitions(document).definitions.map((d) => ('name' in d ? d.name?.value : ''))).toEqual(['Q', 'A', 'Z']);
});

test("a route's query, sorted, is listed in the committed manifest (npm run safelist -w web is current)", () => {
  const listed = manifest.operations.find((operation) => operation.name === 'DashboardPage');
  // The manifest adds __typename where Apollo Client does; the definitions' order is what the transform decides.
  const names = (body: string) => parse(body).definitions.map((d) => ('name' in d ? d.name?.value : ''));
  expect(listed).toBeDefined();
  expect(names(print(sortTopLevelDefinitions(DashboardPageDocument)))).toEqual(names(listed!.body));
});

test("the session refresh, sent outside Apollo Client, is the manifest's RefreshSession byte for byte", async () => {
  let sent = '';
  const fakeFetch = (async (_url: string, init: { body: string }) => {
    sent = (JSON.parse(init.body) as { query: string }).query;
    return new Response(JSON.stringify({ errors: [{ message: 'x', extensions: { code: 'UNAUTHENTICATED' } }] }));
  }) as unknown as typeof fetch;
  await requestRefresh('a-refresh-token', fakeFetch);
  expect(sent).toBe(manifest.operations.find((operation) => operation.name === 'RefreshSession')!.body);
});
