package org.lmsregistry.model.synthetic;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.lmsregistry.model.record.FieldSpec;
import org.lmsregistry.model.record.RecordType;
import org.lmsregistry.model.record.RegistryRecord;
import org.lmsregistry.model.validation.RecordRules;

/** A stable SHA-256 of records' text, field by field as the interchange format writes them. */
final class RecordDigest {

    private final MessageDigest sha;

    RecordDigest() {
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String line(RegistryRecord r) {
        RecordType type = RecordType.of(r);
        StringBuilder b = new StringBuilder(type.baseName());
        for (FieldSpec<?> f : type.fields()) {
            @SuppressWarnings("unchecked")
            FieldSpec<RegistryRecord> field = (FieldSpec<RegistryRecord>) f;
            b.append('|').append(RecordRules.text(field.valueOf(r)));
        }
        return b.toString();
    }

    RecordDigest add(RegistryRecord r) {
        sha.update((line(r) + "\n").getBytes(StandardCharsets.UTF_8));
        return this;
    }

    RecordDigest addAll(Stream<? extends RegistryRecord> records) {
        records.forEach(this::add);
        return this;
    }

    String hex() {
        return HexFormat.of().formatHex(sha.digest());
    }

    static String of(Stream<? extends RegistryRecord> records) {
        return new RecordDigest().addAll(records).hex();
    }
}
