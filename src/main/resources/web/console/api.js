// JSON calls to the agent API: same-origin cookie session, CSRF header on every POST and PATCH.

export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export function createApi() {
  let csrfToken = null;

  async function send(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        credentials: 'same-origin',
        cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'network', 'Cannot reach Baton. Check your connection and try again.');
    }
    const raw = response.status === 204 ? '' : await response.text().catch(() => '');
    let data = null;
    if (raw) {
      try {
        data = JSON.parse(raw);
      } catch {
        data = null;
      }
    }
    if (!response.ok) {
      const error = data && typeof data === 'object' ? data.error : null;
      throw new ApiError(
        response.status,
        (error && error.code) || `http_${response.status}`,
        (error && error.message) || `The server answered HTTP ${response.status}.`,
      );
    }
    return data;
  }

  async function request(method, path, body) {
    try {
      return await send(method, path, body);
    } catch (e) {
      // A stale CSRF token (e.g. the session was renewed in another tab): recover it once and retry.
      if (e instanceof ApiError && e.status === 403 && e.code === 'csrf' && method !== 'GET') {
        const me = await send('GET', '/api/agent/me');
        if (me && me.csrfToken) {
          csrfToken = me.csrfToken;
          return send(method, path, body);
        }
      }
      throw e;
    }
  }

  return {
    setCsrfToken(token) {
      csrfToken = token || null;
    },
    get(path) {
      return request('GET', path);
    },
    post(path, body) {
      return request('POST', path, body);
    },
    patch(path, body) {
      return request('PATCH', path, body);
    },
  };
}
