package org.lmsregistry.web.infrastructure.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The audit trail hashes this text: its bytes must never change, however it is produced (a faster
 * writer must give exactly the same output for every kind of character).
 */
class CanonicalJsonTest {

    @Test
    void plainTextIsQuotedAsIs() {
        assertThat(CanonicalJson.quote("")).isEqualTo("\"\"");
        assertThat(CanonicalJson.quote("SITE/pseudo-1/S.01")).isEqualTo("\"SITE/pseudo-1/S.01\"");
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscaped() {
        assertThat(CanonicalJson.quote("a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj"))
                .isEqualTo("\"a\\\"b\\\\c\\nd\\re\\tf\\bg\\fh\\u0001i\\u001fj\"");
        assertThat(CanonicalJson.quote("\"")).isEqualTo("\"\\\"\"");
        assertThat(CanonicalJson.quote("end\\")).isEqualTo("\"end\\\\\"");
    }

    @Test
    void nonAsciiAndDeleteAreKeptAsIs() {
        assertThat(CanonicalJson.quote("Zoë \u00e9\u4e2d\ud83d\ude00\u007f")).isEqualTo("\"Zoë \u00e9\u4e2d\ud83d\ude00\u007f\"");
    }

    @Test
    void documentsNestEscapedJsonAsInTheAuditHash() {
        String record = CanonicalJson.object().member("study_id", "S1").memberRaw("day", "12")
                .member("note", null).memberRaw("codes", CanonicalJson.array().element("CHEST").element("LIVER").end())
                .end();
        assertThat(record).isEqualTo("{\"study_id\":\"S1\",\"day\":12,\"note\":null,\"codes\":[\"CHEST\",\"LIVER\"]}");
        String event = CanonicalJson.array().element("lms-audit-v1").element(7L).element((Long) null)
                .element(record).element((String) null).elementRaw("true").end();
        assertThat(event).isEqualTo("[\"lms-audit-v1\",7,null,"
                + "\"{\\\"study_id\\\":\\\"S1\\\",\\\"day\\\":12,\\\"note\\\":null,\\\"codes\\\":[\\\"CHEST\\\",\\\"LIVER\\\"]}\","
                + "null,true]");
    }
}
