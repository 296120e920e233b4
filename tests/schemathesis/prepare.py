#!/usr/bin/env python3
"""Prepare a freshly started demo world for the schemathesis run and print its ids.

Generated requests only reach real code when their path parameters name resources the
caller can see; a random GUID is a 404 and nothing more. This script reads (and, where the
demo world has none, creates) one resource of each kind through the public API, then
prints `export PCSIM_...=...` lines for the shell: schemathesis.toml reads them as fixed
path parameters and per-operation tokens. Only the standard library, so CI needs nothing
but schemathesis itself.

Usage: prepare.py BASE_URL   (e.g. http://127.0.0.1:18401)
"""
import json
import shlex
import sys
import urllib.error
import urllib.request

BASE = sys.argv[1].rstrip("/")
RELECLOUD = "c4000000-0000-4000-8000-000000000001"  # contoso is its indirect provider, fabrikam its reseller
TREY = "c4000000-0000-4000-8000-000000000003"       # contoso is its indirect provider, lamna (migrated) its reseller
WIDEWORLD = "a2000000-0000-4000-8000-000000000005"  # an indirect reseller nothing else in the run relies on
FABRIKAM = "a2000000-0000-4000-8000-000000000001"


def call(method, path, token=None, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(BASE + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        sys.exit(f"prepare.py: {method} {path} answered {error.code}: {error.read()[:300]!r}")


def main():
    principals = {p["name"]: p for p in call("GET", "/_sim/principals")["items"]}
    token = {name: p["accessToken"] for name, p in principals.items()}
    distributor = token["distributor-admin"]
    out = {
        "PCSIM_TOKEN": distributor,
        "PCSIM_TOKEN_MICROSOFT": token["microsoft-support"],
        "PCSIM_TOKEN_REPORTS": token["distributor-reports"],
        "PCSIM_TOKEN_RESELLER": token["reseller-admin"],
        "PCSIM_TOKEN_MIGRATED": token["migrated-admin"],
        "PCSIM_TOKEN_RELECLOUD": token["relecloud-admin"],
        "PCSIM_TOKEN_MARGIES": token["margies-admin"],
        "PCSIM_CUSTOMER": RELECLOUD,
        "PCSIM_CUSTOMER_TREY": TREY,
        "PCSIM_RESELLER": FABRIKAM,
        "PCSIM_TENANT": principals["distributor-admin"]["tenantId"],
        "PCSIM_TENANT_WIDEWORLD": WIDEWORLD,
    }
    # A fresh order of a monthly license: its subscription is the one PATCH may cancel.
    order = call("POST", f"/v1/customers/{RELECLOUD}/orders", distributor,
                 {"lineItems": [{"offerId": "CFQ7TTC0LH18:0001", "quantity": 1, "partnerIdOnRecord": "5100001"}]})
    out["PCSIM_ORDER"] = order["id"]
    out["PCSIM_SUBSCRIPTION"] = order["lineItems"][0]["subscriptionId"]
    subscriptions = call("GET", f"/v1/customers/{RELECLOUD}/subscriptions", distributor)["items"]
    azure = next(s for s in subscriptions if s["offerId"] == "MS-AZR-0145P" and s.get("azureSubscriptionId"))
    base = next(s for s in subscriptions if any(a.get("parentSubscriptionId") == s["id"] for a in subscriptions))
    out["PCSIM_BASE_SUBSCRIPTION"] = base["id"]
    out["PCSIM_AZURE_SUBSCRIPTION"] = azure["azureSubscriptionId"]
    assignments = call("GET", f"/portal/azure-subscriptions/{azure['azureSubscriptionId']}/role-assignments", distributor)["items"]
    out["PCSIM_ASSIGNMENT"] = assignments[0]["id"]
    form = call("POST", "/portal/transfer-forms", distributor, {"customerTenantId": RELECLOUD, "subscriptionIds": [azure["id"]]})
    out["PCSIM_FORM"] = form["id"]
    link = call("GET", "/v1/customers/relationshiprequests", distributor)["url"]
    out["PCSIM_INVITATION"] = link.rsplit("/", 1)[1]
    out["PCSIM_ENROLLMENT"] = call("GET", "/portal/enrollments", distributor)["items"][0]["id"]
    out["PCSIM_ENROLLMENT_PENDING"] = call("GET", "/portal/enrollments", token["tailspin-admin"])["items"][0]["id"]
    partnerships = {p["resellerTenantId"]: p["id"] for p in call("GET", "/portal/partnerships", distributor)["items"]}
    out["PCSIM_PARTNERSHIP"] = partnerships[FABRIKAM]
    out["PCSIM_PARTNERSHIP_WIDEWORLD"] = partnerships[WIDEWORLD]
    out["PCSIM_PLA"] = call("GET", "/portal/locations", distributor)["items"][0]["plaId"]
    # A completed new-commerce migration of the legacy license (it is cancelled by it).
    out["PCSIM_MIGRATION"] = call("POST", f"/v1/customers/{RELECLOUD}/migrations/newcommerce", distributor,
                                  {"currentSubscriptionId": base["id"]})["id"]
    # An Active DirectToIndirect transfer from the migrated partner (lamna) of one of trey's
    # subscriptions toward contoso, once contoso attested trey's MCA (SST-2).
    migrated = token["migrated-admin"]
    call("POST", f"/v1/customers/{TREY}/agreements", distributor, {"primaryContact": {"email": "admin@trey.example"}})
    eligible = [item["id"] for item in call("GET", f"/v1/customers/{TREY}/transferseligibility?transferType=directtoindirect",
                                            migrated) if item["isEligible"]]
    transfer = call("POST", f"/v1/customers/{TREY}/transfers", migrated,
                    {"transferType": "DirectToIndirect", "targetPartnerTenantId": principals["distributor-admin"]["tenantId"],
                     "lineItems": [{"subscriptionId": eligible[0]}]})
    out["PCSIM_TRANSFER"] = transfer["id"]
    # An Open support request: a second Azure subscription on a form that went to the customer
    # and came back complete, with fabrikam (relecloud's reseller) as the target (AZS-1..4).
    second = call("POST", f"/v1/customers/{RELECLOUD}/orders", distributor,
                  {"lineItems": [{"offerId": "MS-AZR-0145P", "partnerIdOnRecord": "5100001"}]})["lineItems"][0]["subscriptionId"]
    submitted = call("POST", "/portal/transfer-forms", distributor, {
        "customerTenantId": RELECLOUD, "subscriptionIds": [second],
        "sourceDetails": {"partnerName": "Contoso Distribution", "mpnId": "4100001", "contactName": "Casey Source",
                          "contactEmail": "casey@contosodistribution.example"}})["id"]
    call("POST", f"/portal/transfer-forms/{submitted}/send", distributor)
    call("PATCH", f"/portal/transfer-forms/{submitted}", token["relecloud-admin"], {
        "customerDetails": {"companyName": "Relecloud", "contactName": "Riley Owner", "contactEmail": "riley@relecloud.example"},
        "targetDetails": {"partnerTenantId": FABRIKAM, "partnerName": "Fabrikam Reseller", "mpnId": "5100001",
                          "contactEmail": "partners@fabrikam.example"}})
    call("POST", f"/portal/transfer-forms/{submitted}/return", token["relecloud-admin"])
    out["PCSIM_SUPPORT_REQUEST"] = call("POST", "/portal/support-requests", distributor, {"transferFormId": submitted})["id"]
    for name, value in out.items():
        print(f"export {name}={shlex.quote(value)}")


if __name__ == "__main__":
    main()
