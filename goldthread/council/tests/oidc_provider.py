"""A small but real OpenID Connect provider for the tests, served over HTTP on 127.0.0.1 (a free port).

It follows OpenID Connect Core 1.0 for the authorization code flow: discovery document, an authorization
endpoint with its own sign-in form, PKCE (RFC 7636, S256 only), a token endpoint that authenticates the
client and issues RS256-signed ID tokens carrying the nonce (joserfc), userinfo with a bearer token, and
the JWKS. Nothing in Goldthread is replaced: the app talks to it over the network like any provider.

``tamper_signature`` makes the token endpoint hand out ID tokens whose signature has been altered."""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

CODE_LIFETIME_SECONDS = 60


@dataclass
class ProviderUser:
    password: str
    claims: dict


@dataclass
class Provider:
    client_id: str = "goldthread"
    client_secret: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    users: dict[str, ProviderUser] = field(default_factory=dict)
    tamper_signature: bool = False
    # Claims that replace the correct ones in the next ID tokens (a misbehaving or impersonating provider).
    id_token_overrides: dict = field(default_factory=dict)
    key: RSAKey = field(default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "test-1", "use": "sig"}))
    codes: dict[str, dict] = field(default_factory=dict)
    access_tokens: dict[str, str] = field(default_factory=dict)
    issuer: str = ""
    _server: ThreadingHTTPServer | None = None

    # -- running --------------------------------------------------------------------------------------------------
    def start(self) -> Provider:
        provider = self

        class Handler(ProviderHandler):
            pass

        Handler.provider = provider
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.issuer = f"http://127.0.0.1:{self._server.server_address[1]}"
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def discovery_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def add_user(self, username: str, password: str, **claims) -> None:
        self.users[username] = ProviderUser(password=password, claims={"sub": f"sub-{username}", **claims})

    # -- the protocol ----------------------------------------------------------------------------------------------
    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
            "scopes_supported": ["openid", "email", "profile", "groups"],
            "token_endpoint_auth_methods_supported": ["client_secret_post", "client_secret_basic"],
            "claims_supported": ["sub", "email", "given_name", "family_name", "groups", "nonce"],
        }

    def jwks(self) -> dict:
        return {"keys": [{**self.key.as_dict(private=False), "alg": "RS256"}]}

    def authorization_error(self, params: dict) -> str | None:
        """Why an authorization request is refused, or None (RFC 6749 4.1.1, RFC 7636 4.3, OIDC Core 3.1.2.1)."""
        if params.get("client_id") != self.client_id:
            return "unknown client_id"
        if not params.get("redirect_uri", "").startswith(("http://127.0.0.1", "http://localhost", "http://testserver")):
            return "redirect_uri not registered"
        if params.get("response_type") != "code":
            return "only response_type=code is supported"
        if "openid" not in params.get("scope", "").split():
            return "scope must include openid"
        if params.get("code_challenge_method") != "S256" or not params.get("code_challenge"):
            return "PKCE with S256 is required"
        return None

    def issue_code(self, params: dict, username: str) -> str:
        code = secrets.token_urlsafe(24)
        self.codes[code] = {
            "username": username,
            "client_id": params["client_id"],
            "redirect_uri": params["redirect_uri"],
            "nonce": params.get("nonce"),
            "challenge": params["code_challenge"],
            "scope": params.get("scope", ""),
            "expires": time.time() + CODE_LIFETIME_SECONDS,
        }
        return code

    def exchange(self, form: dict, basic: tuple[str, str] | None) -> tuple[int, dict]:
        """The token endpoint: (status, JSON body), errors as RFC 6749 section 5.2."""
        client_id, secret = basic or (form.get("client_id"), form.get("client_secret"))
        if client_id != self.client_id or not secrets.compare_digest(secret or "", self.client_secret):
            return 401, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        grant = self.codes.pop(form.get("code", ""), None)  # single use
        if grant is None or grant["expires"] < time.time() or grant["client_id"] != client_id:
            return 400, {"error": "invalid_grant", "error_description": "unknown, used or expired code"}
        if form.get("redirect_uri") != grant["redirect_uri"]:
            return 400, {"error": "invalid_grant", "error_description": "redirect_uri does not match"}
        verifier = form.get("code_verifier", "")
        challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        if not verifier or challenge != grant["challenge"]:
            return 400, {"error": "invalid_grant", "error_description": "PKCE code_verifier does not match"}
        user = self.users[grant["username"]]
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": user.claims["sub"],
            "aud": client_id,
            "iat": now,
            "exp": now + 300,
            "auth_time": now,
            **({"nonce": grant["nonce"]} if grant["nonce"] else {}),
            **self.id_token_overrides,
        }
        id_token = jwt.encode({"alg": "RS256", "kid": self.key.kid}, claims, self.key)
        if self.tamper_signature:
            head, body, signature = id_token.split(".")
            raw = bytearray(base64.urlsafe_b64decode(signature + "=" * (-len(signature) % 4)))
            raw[0] ^= 0xFF
            id_token = ".".join([head, body, base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode()])
        access_token = secrets.token_urlsafe(24)
        self.access_tokens[access_token] = grant["username"]
        return 200, {"access_token": access_token, "token_type": "Bearer", "expires_in": 300, "id_token": id_token}

    def userinfo(self, authorization: str) -> tuple[int, dict]:
        scheme, _, token = authorization.partition(" ")
        username = self.access_tokens.get(token) if scheme.lower() == "bearer" else None
        if username is None:
            return 401, {"error": "invalid_token"}
        return 200, self.users[username].claims


SIGN_IN_PAGE = """<!DOCTYPE html><html lang="en"><head><title>Test identity provider</title></head><body><main>
<h1>Sign in to the test identity provider</h1>{error}
<form method="post" action="/authorize">{hidden}
<label for="username">Provider username</label> <input id="username" name="username">
<label for="password">Provider password</label> <input id="password" name="password" type="password">
<button type="submit">Continue</button></form></main></body></html>"""


class ProviderHandler(BaseHTTPRequestHandler):
    provider: Provider

    def log_message(self, format, *args):  # quiet in test output
        pass

    def _send(self, status: int, body: str | dict, content_type: str = "application/json", headers=None) -> None:
        data = (json.dumps(body) if isinstance(body, dict) else body).encode()
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def _form(self) -> dict:
        length = int(self.headers.get("Content-Length", "0"))
        return {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}

    def do_GET(self):
        url = urlsplit(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        p = self.provider
        if url.path == "/.well-known/openid-configuration":
            return self._send(200, p.discovery())
        if url.path == "/jwks":
            return self._send(200, p.jwks())
        if url.path == "/userinfo":
            status, body = p.userinfo(self.headers.get("Authorization", ""))
            return self._send(status, body)
        if url.path == "/authorize":
            error = p.authorization_error(params)
            if error:
                return self._send(400, f"<p>Bad request: {html.escape(error)}</p>", "text/html")
            return self._send(200, self._sign_in_page(params, ""), "text/html")
        return self._send(404, {"error": "not found"})

    def _sign_in_page(self, params: dict, error: str) -> str:
        hidden = "".join(
            f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">' for k, v in params.items()
        )
        return SIGN_IN_PAGE.format(hidden=hidden, error=f"<p role='alert'>{html.escape(error)}</p>" if error else "")

    def do_POST(self):
        p = self.provider
        form = self._form()
        if self.path == "/token":
            basic = None
            auth = self.headers.get("Authorization", "")
            if auth.lower().startswith("basic "):
                client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
                basic = (client_id, secret)
            status, body = p.exchange(form, basic)
            return self._send(status, body)
        if self.path == "/authorize":
            username, password = form.pop("username", ""), form.pop("password", "")
            error = p.authorization_error(form)
            if error:
                return self._send(400, f"<p>Bad request: {html.escape(error)}</p>", "text/html")
            user = p.users.get(username)
            if user is None or not secrets.compare_digest(user.password, password):
                return self._send(200, self._sign_in_page(form, "Wrong username or password"), "text/html")
            query = urlencode({"code": p.issue_code(form, username), "state": form.get("state", "")})
            return self._send(302, "", "text/plain", {"Location": f"{form['redirect_uri']}?{query}"})
        return self._send(404, {"error": "not found"})
