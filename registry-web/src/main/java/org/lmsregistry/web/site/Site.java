package org.lmsregistry.web.site;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A participating hospital. Its code is its identity in every record and never changes; name,
 * country and whether it is active may.
 */
@Entity
@Table(name = "site")
public class Site {

    /** As the schema's check: 2-12 upper-case letters or digits, starting with a letter. */
    public static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]{1,11}");
    public static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "site_id")
    @SequenceGenerator(name = "site_id", sequenceName = "site_id_seq", allocationSize = 1)
    private Long id;

    @Column(nullable = false, updatable = false)
    private String code;

    @Column(nullable = false)
    private String name;

    @Column(nullable = false)
    private String country;

    @Column(nullable = false)
    private boolean active = true;

    @Version
    private int version;

    protected Site() {
    }

    public Site(String code, String name, String country) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a site code is 2-12 upper-case letters or digits, starting with a letter");
        }
        this.code = code;
        rename(name, country);
    }

    public void rename(String newName, String newCountry) {
        if (newName == null || newName.isBlank() || newName.length() > 200) {
            throw new IllegalArgumentException("a site name has 1-200 characters");
        }
        if (newCountry == null || !COUNTRY.matcher(newCountry).matches()) {
            throw new IllegalArgumentException("the country is an ISO 3166-1 alpha-2 code such as NL");
        }
        this.name = newName;
        this.country = newCountry;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public Long id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public String country() {
        return country;
    }

    public boolean isActive() {
        return active;
    }

    public int version() {
        return version;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Site s && Objects.equals(code, s.code);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(code);
    }
}
