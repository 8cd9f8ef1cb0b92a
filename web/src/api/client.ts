// The one way the web app talks to the API: JSON in and out, the CSRF token on every write, errors
// as ApiError carrying the API's Chinese message and the offending field, and a 401 handler that
// sends the user back to the login page.
export interface ApiErrorBody { code: string; message: string; field?: string; details?: unknown }

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly details: unknown;
  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.details = body.details;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;
let lastActivity = Date.now();

export const setCsrfToken = (token: string | null) => { csrfToken = token; };
export const setUnauthenticatedHandler = (fn: (() => void) | null) => { onUnauthenticated = fn; };
/** When the server last saw this browser: every answered request resets its idle timer. */
export const lastApiActivity = () => lastActivity;

export type Query = Record<string, string | number | boolean | undefined | null>;

export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Send this as the body with its own content type (uploads). */
  raw?: { data: Blob | ArrayBuffer; contentType: string };
  /** HTTP statuses whose JSON body is a result rather than an error (the import's 422 report). */
  acceptStatus?: number[];
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.raw) {
    headers['content-type'] = opts.raw.contentType;
    body = opts.raw.data;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), { method, headers, body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, { code: 'NETWORK', message: '无法连接服务器,请检查网络或稍后重试' });
  }
  if (res.status !== 401) lastActivity = Date.now();
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  try { json = text ? JSON.parse(text) : undefined; } catch { /* not JSON */ }
  if (res.ok || opts.acceptStatus?.includes(res.status)) return json as T;
  const err = new ApiError(res.status, isErrorBody(json) ? json : { code: `HTTP_${res.status}`, message: `请求失败(HTTP ${res.status})` });
  if (res.status === 401 && path !== '/auth/login' && onUnauthenticated) onUnauthenticated();
  throw err;
}

function isErrorBody(v: unknown): v is ApiErrorBody {
  return typeof v === 'object' && v !== null && typeof (v as ApiErrorBody).message === 'string';
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, { query }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};

/** Downloads a file answer (exports) under the name the server gives in content-disposition. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await fetch(apiUrl(path, query), { credentials: 'same-origin' });
  if (!res.ok) {
    let body: ApiErrorBody = { code: `HTTP_${res.status}`, message: `下载失败(HTTP ${res.status})` };
    try { body = (await res.json()) as ApiErrorBody; } catch { /* keep the default */ }
    if (res.status === 401 && onUnauthenticated) onUnauthenticated();
    throw new ApiError(res.status, body);
  }
  lastActivity = Date.now();
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
