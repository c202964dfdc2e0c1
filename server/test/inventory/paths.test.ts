// One spelling for every framework's path templates, and base paths of server URLs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { displayPath, joinBasePath, pathKey, serverBasePath } from '../../src/engine/inventory/paths';

test('Express, OpenAPI, Flask, FastAPI, Django, Go and Spring templates of one path have one key', () => {
  const forms = [
    '/users/:id',
    '/users/{id}',
    '/users/<int:id>',
    '/users/<id>',
    '/users/{user_id}',
    '/users/{id:[0-9]+}',
    '/users/{id:.+}',
    '/users/:id(\\d+)',
    '^users/(?P<pk>\\d+)/$',
    'users/<int:pk>/',
    '//users//{id}/',
  ];
  assert.deepEqual(new Set(forms.map(pathKey)), new Set(['/users/{}']));
  assert.equal(displayPath('/users/:id/orders/<int:order_id>'), '/users/{id}/orders/{order_id}');
  assert.equal(pathKey('/files/*'), '/files/{}');
  assert.equal(pathKey('/'), '/');
  assert.notEqual(pathKey('/users/me'), pathKey('/users/:id'));
});

test('base paths of server URLs: absolute, relative, with variables, unreadable', () => {
  assert.equal(serverBasePath('https://api.example.com/v1'), '/v1');
  assert.equal(serverBasePath('https://api.example.com'), '/');
  assert.equal(serverBasePath('https://api.example.com/v1/'), '/v1');
  assert.equal(serverBasePath('/b2b/v2'), '/b2b/v2');
  assert.equal(serverBasePath('{scheme}://{host}/{base}', { base: { default: 'api' } }), '/api');
  assert.equal(serverBasePath('https://x/{base}'), undefined);
  assert.equal(joinBasePath('/api/', '/users'), '/api/users');
  assert.equal(joinBasePath('/', '/users'), '/users');
  assert.equal(joinBasePath('/api', '/'), '/api');
});
