"""MSAL for Python, unchanged, signs in to pcsim and calls the API (issue 13).

Starts `pcsim serve --tls` on a new database in a temporary folder, trusts the CA it
exports (REQUESTS_CA_BUNDLE, as a user would), and uses MSAL's ConfidentialClientApplication
(client credentials) and PublicClientApplication (username/password, then a refresh) with the
demo world's app registrations and users listed by GET /_sim/principals.

MSAL asks two things of an authority that is not login.microsoftonline.com:
- `instance_discovery=False` (MSAL's documented switch for private clouds and emulators):
  otherwise it validates the authority against the real login.microsoftonline.com.
- The username/password flow first asks the authority's host for the user's realm, on port
  443 whatever port the authority names (msal/authority.py user_realm_discovery drops the
  port). So that flow runs against a pcsim on port 443 (CI runs as root, and .ci/msal.sh sets
  PCSIM_MSAL_REQUIRE_443 so that a missing 443 fails there); elsewhere it is skipped with that
  reason. docs/decisions.md, "MSAL and non-default ports".

Environment: PCSIM_BIN (default .build/debug/pcsim), PCSIM_MSAL_REQUIRE_443.
"""
import json
import os
import re
import socket
import subprocess
import tempfile
import time

import msal
import pytest
import requests

PARTNER_CENTER = "https://api.partnercenter.microsoft.com"
BINARY = os.environ.get("PCSIM_BIN", ".build/debug/pcsim")


class Pcsim:
    """One pcsim process with --tls on its own database."""

    def __init__(self, port):
        self.folder = tempfile.mkdtemp(prefix="pcsim-msal-")
        self.log = open(os.path.join(self.folder, "pcsim.log"), "w+")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--tls", "--port", str(port), "--db", os.path.join(self.folder, "pcsim.sqlite"),
             "--log-level", "warning"],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 60
        self.base = self.ca = None
        while time.time() < deadline and self.base is None:
            self.log.seek(0)
            match = re.search(r"^pcsim ready on (https://\S+) \(.*CA: ([^,)]+)", self.log.read(), re.MULTILINE)
            if match:
                self.base, self.ca = match.group(1), match.group(2)
                break
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError("pcsim exited before it was ready: " + self.log.read())
            time.sleep(0.05)
        if self.base is None:
            raise RuntimeError("pcsim was not ready within 60 s")

    def trust(self):
        """The one trust setting a user makes: requests (and so MSAL) verify against pcsim's CA."""
        os.environ["REQUESTS_CA_BUNDLE"] = self.ca

    def principals(self):
        response = requests.get(self.base + "/_sim/principals", verify=self.ca, timeout=10)
        response.raise_for_status()
        return response.json()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def port_443_available():
    try:
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            probe.bind(("127.0.0.1", 443))
        return True
    except OSError:
        return False


@pytest.fixture(scope="module")
def pcsim():
    server = Pcsim(0)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def pcsim_on_443():
    if not port_443_available():
        reason = "MSAL's username/password flow asks port 443 for the user realm; 443 cannot be bound here (not root?)"
        if os.environ.get("PCSIM_MSAL_REQUIRE_443"):
            pytest.fail(reason)
        pytest.skip(reason)
    server = Pcsim(443)
    yield server
    server.stop()


def app_of(world, tenant_kind="Distributor", public=False):
    """The first app registration of a tenant of that kind (confidential or public)."""
    for app in world["apps"]:
        if app["kind"] == tenant_kind and bool(app.get("publicClient")) == public:
            return app
    raise AssertionError("no %s app of a %s tenant in %s" % ("public" if public else "confidential", tenant_kind,
                                                            json.dumps(world["apps"])))


def user_of(world, tenant_id, role="AdminAgent"):
    for user in world["users"]:
        if user["tenantId"] == tenant_id and role in user["roles"]:
            return user
    raise AssertionError("no %s user in tenant %s" % (role, tenant_id))


def validate_resellers(base, token, ids):
    return requests.post(base + "/v1/partners/validateresellers", json={"partnerIds": ids},
                         headers={"Authorization": "Bearer " + token}, timeout=10)


def test_client_credentials_token_calls_validateresellers(pcsim):
    pcsim.trust()
    app = app_of(pcsim.principals())
    client = msal.ConfidentialClientApplication(
        app["clientId"], client_credential=app["secret"], authority="%s/%s" % (pcsim.base, app["tenantId"]),
        instance_discovery=False)
    result = client.acquire_token_for_client(scopes=[PARTNER_CENTER + "/.default"])
    assert "access_token" in result, result
    assert result["token_type"].lower() == "bearer"
    assert result["expires_in"] > 0
    response = validate_resellers(pcsim.base, result["access_token"], ["5100001", "9999999"])
    assert response.status_code == 200, response.text
    verdicts = {v["partnerId"]: v for v in response.json()["validationResults"]}
    assert verdicts["5100001"]["isValidPartnerIdOnRecord"] is True
    assert verdicts["9999999"]["isValidPartnerIdOnRecord"] is False
    # The second acquisition is served from MSAL's cache: the token is the same.
    again = client.acquire_token_for_client(scopes=[PARTNER_CENTER + "/.default"])
    assert again["access_token"] == result["access_token"]


def test_wrong_secret_gets_msal_invalid_client(pcsim):
    pcsim.trust()
    app = app_of(pcsim.principals())
    client = msal.ConfidentialClientApplication(
        app["clientId"], client_credential=app["secret"] + "-wrong", authority="%s/%s" % (pcsim.base, app["tenantId"]),
        instance_discovery=False)
    result = client.acquire_token_for_client(scopes=[PARTNER_CENTER + "/.default"])
    assert "access_token" not in result
    assert result["error"] == "invalid_client", result
    assert 7000215 in result["error_codes"]
    assert result["error_description"].startswith("AADSTS7000215:")


def test_unknown_tenant_fails_discovery_as_entra_does(pcsim):
    pcsim.trust()
    app = app_of(pcsim.principals())
    with pytest.raises(ValueError, match="OIDC Discovery failed|Unable to get authority configuration"):
        msal.ConfidentialClientApplication(
            app["clientId"], client_credential=app["secret"],
            authority="%s/%s" % (pcsim.base, "00000000-0000-4000-8000-0000000000ff"), instance_discovery=False)


def test_pointing_instance_discovery_at_pcsim_works_too(pcsim):
    pcsim.trust()
    app = app_of(pcsim.principals())
    client = msal.ConfidentialClientApplication(
        app["clientId"], client_credential=app["secret"], authority="%s/%s" % (pcsim.base, app["tenantId"]),
        instance_discovery=pcsim.base + "/common/discovery/instance")
    assert "access_token" in client.acquire_token_for_client(scopes=[PARTNER_CENTER + "/.default"])


def public_client_and_user(server):
    """The demo world's public client, an AdminAgent user of its tenant, and MSAL's
    PublicClientApplication for them on `server`."""
    server.trust()
    world = server.principals()
    app = app_of(world, public=True)
    user = user_of(world, app["tenantId"])
    client = msal.PublicClientApplication(app["clientId"], authority="%s/%s" % (server.base, app["tenantId"]),
                                          instance_discovery=False)
    return client, user


def test_username_password_then_refresh(pcsim_on_443):
    server = pcsim_on_443
    client, user = public_client_and_user(server)
    scopes = [PARTNER_CENTER + "/user_impersonation"]
    result = client.acquire_token_by_username_password(user["userName"], user["password"], scopes=scopes)
    assert "access_token" in result, result
    assert "refresh_token" in result
    assert result["id_token_claims"]["preferred_username"].lower() == user["userName"].lower()
    assert validate_resellers(server.base, result["access_token"], ["5100001"]).status_code == 200
    # The account MSAL built from client_info and the id token; a forced refresh uses the
    # refresh token grant and yields a new, working access token.
    accounts = client.get_accounts(username=user["userName"])
    assert len(accounts) == 1
    refreshed = client.acquire_token_silent(scopes, account=accounts[0], force_refresh=True)
    assert refreshed and "access_token" in refreshed, refreshed
    assert refreshed["access_token"] != result["access_token"]
    assert validate_resellers(server.base, refreshed["access_token"], ["5100001"]).status_code == 200


def test_wrong_password_gets_invalid_grant(pcsim_on_443):
    client, user = public_client_and_user(pcsim_on_443)
    result = client.acquire_token_by_username_password(user["userName"], user["password"] + "x",
                                                       scopes=[PARTNER_CENTER + "/user_impersonation"])
    assert result["error"] == "invalid_grant", result
    assert 50126 in result["error_codes"]
