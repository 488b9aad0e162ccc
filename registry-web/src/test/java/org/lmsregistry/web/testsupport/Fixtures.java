package org.lmsregistry.web.testsupport;

import jakarta.json.Json;

/**
 * Test data made through the API as an administrator would: sites of their own (so that test
 * classes never see each other's records), coordinators, tokens.
 */
public final class Fixtures {

    /** Password of the accounts tests create. */
    public static final String PASSWORD = "correct horse battery staple";

    private final Api api;
    private final Api.Session admin;

    public Fixtures(Api api) {
        this.api = api;
        this.admin = api.demo("demo-admin");
    }

    public Api.Session admin() {
        return admin;
    }

    /** Creates a site (code must be new in this run). */
    public void site(String code) {
        Api.Reply r = admin.post("api/v1/sites", Json.createObjectBuilder().add("code", code)
                .add("name", "Test site " + code).add("country", "NL").build().toString());
        if (r.status() != 201) {
            throw new IllegalStateException("creating site " + code + ": " + r);
        }
    }

    /** Creates an API token of a site and returns the token. */
    public String token(String site) {
        Api.Reply r = admin.post("api/v1/tokens", Json.createObjectBuilder().add("site", site)
                .add("label", "test token").build().toString());
        if (r.status() != 201) {
            throw new IllegalStateException("creating a token for " + site + ": " + r);
        }
        return r.json().getString("token");
    }

    /** Creates an account; site only for coordinators. */
    public void account(String username, String role, String site) {
        var b = Json.createObjectBuilder().add("username", username).add("role", role).add("password", PASSWORD);
        if (site != null) {
            b.add("site", site);
        }
        Api.Reply r = admin.post("api/v1/accounts", b.build().toString());
        if (r.status() != 201) {
            throw new IllegalStateException("creating account " + username + ": " + r);
        }
    }

    /** Creates a coordinator of the site and logs in. */
    public Api.Session coordinator(String username, String site) {
        account(username, "COORDINATOR", site);
        return api.login(username, PASSWORD);
    }
}
