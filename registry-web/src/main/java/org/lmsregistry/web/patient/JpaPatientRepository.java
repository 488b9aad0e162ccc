package org.lmsregistry.web.patient;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.model.code.Sex;

@ApplicationScoped
public class JpaPatientRepository implements PatientRepository {

    private static final Pattern YEAR = Pattern.compile("[0-9]{4}");
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");

    /**
     * Locations sort by the label people read, not by their code ("Large vessel" before "Other"):
     * a CASE over the code list's own codes (constants of the model, never user input).
     */
    private static final String LOCATION_BY_LABEL = locationByLabel();

    @PersistenceContext(unitName = "registry")
    EntityManager em;

    @Override
    public List<PatientEntry> find(PatientFilter filter, int offset, int limit) {
        return find(filter, null, offset, limit);
    }

    @Override
    public List<PatientEntry> find(PatientFilter filter, PatientOrder order, int offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        TypedQuery<PatientEntry> q = em.createQuery("select p from PatientEntry p left join fetch p.tumour t" + where
                + orderBy(order), PatientEntry.class);
        params.forEach(q::setParameter);
        return q.setFirstResult(offset).setMaxResults(limit).getResultList();
    }

    @Override
    public long count(PatientFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        TypedQuery<Long> q = em.createQuery("select count(p) from PatientEntry p left join p.tumour t" + where,
                Long.class);
        params.forEach(q::setParameter);
        return q.getSingleResult();
    }

    /** The chosen column first, then site and pseudonym so that pages never overlap. */
    private static String orderBy(PatientOrder order) {
        String tie = "p.site.code, p.pseudonym";
        if (order == null || (order.column() == PatientOrder.Column.PSEUDONYM && !order.descending())) {
            return " order by " + tie;
        }
        String dir = order.descending() ? " desc" : " asc";
        String column = switch (order.column()) {
            case PSEUDONYM -> "p.pseudonym";
            case SEX -> "p.sex";
            case AGE -> "p.ageAtDiagnosisYears";
            case DIAGNOSIS_YEAR -> "p.diagnosisYear";
            case PRIMARY_LOCATION -> LOCATION_BY_LABEL;
            case GRADE -> "t.grade";
        };
        return " order by " + column + dir + ", " + tie;
    }

    /** Only the given filters become predicates; every value is a parameter. */
    private static String where(PatientFilter f, Map<String, Object> params) {
        StringBuilder b = new StringBuilder();
        if (f.siteIds() != null) {
            add(b, "p.site.id in :sites");
            params.put("sites", f.siteIds().isEmpty() ? List.of(-1L) : f.siteIds());
        }
        if (f.primaryLocation() != null) {
            add(b, "t.primaryLocation = :location");
            params.put("location", f.primaryLocation());
        }
        if (f.grade() != null) {
            add(b, "t.grade = :grade");
            params.put("grade", f.grade());
        }
        if (f.diagnosisYearFrom() != null) {
            add(b, "p.diagnosisYear >= :yearFrom");
            params.put("yearFrom", f.diagnosisYearFrom());
        }
        if (f.diagnosisYearTo() != null) {
            add(b, "p.diagnosisYear <= :yearTo");
            params.put("yearTo", f.diagnosisYearTo());
        }
        List<String> words = f.words().words();
        for (int i = 0; i < words.size(); i++) {
            add(b, wordPredicate(words.get(i), "w" + i, params));
        }
        return b.toString();
    }

    /**
     * One search word: it matches when any of the patient's searchable values does. Which
     * alternatives apply is decided here from the word's shape (a year, a grade, a code-list label);
     * the word itself only ever goes into parameters.
     */
    private static String wordPredicate(String word, String name, Map<String, Object> params) {
        StringBuilder any = new StringBuilder("(");
        String like = escapeLike(word);
        any.append("lower(t.histologyNotes) like :").append(name).append("h escape '!'");
        params.put(name + "h", "%" + like + "%");
        if (HEX.matcher(word).matches()) {
            any.append(" or p.pseudonym like :").append(name).append("p escape '!'");
            params.put(name + "p", like + "%");
        }
        List<String> locations = matchingCodes(PrimaryLocation.values(), word, true);
        if (!locations.isEmpty()) {
            any.append(" or t.primaryLocation in :").append(name).append("l");
            params.put(name + "l", locations);
        }
        List<String> grades = matchingCodes(FnclccGrade.values(), word, false);
        if (!grades.isEmpty()) {
            any.append(" or t.grade in :").append(name).append("g");
            params.put(name + "g", grades);
        }
        List<String> sexes = matchingCodes(Sex.values(), word, false);
        if (!sexes.isEmpty()) {
            any.append(" or p.sex in :").append(name).append("s");
            params.put(name + "s", sexes);
        }
        if (YEAR.matcher(word).matches()) {
            any.append(" or p.diagnosisYear = :").append(name).append("y");
            params.put(name + "y", Integer.valueOf(word));
        }
        return any.append(")").toString();
    }

    /**
     * The codes whose code or label matches the word: contains it (locations, where people type
     * "vena" or "retroperit") or equals it (grades and sexes, where "male" must not find "female").
     */
    private static List<String> matchingCodes(CodeList[] codes, String word, boolean contains) {
        return Arrays.stream(codes).filter(c -> {
            String code = c.code().toLowerCase(Locale.ROOT);
            String label = c.label().toLowerCase(Locale.ROOT);
            return contains ? code.contains(word) || label.contains(word) : code.equals(word) || label.equals(word);
        }).map(CodeList::code).toList();
    }

    /** A LIKE pattern that matches the word literally ('!' is the escape character). */
    private static String escapeLike(String word) {
        return word.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }

    private static String locationByLabel() {
        List<PrimaryLocation> byLabel = Arrays.stream(PrimaryLocation.values())
                .sorted(Comparator.comparing(l -> l.label().toLowerCase(Locale.ROOT))).toList();
        StringBuilder b = new StringBuilder("case t.primaryLocation");
        for (int i = 0; i < byLabel.size(); i++) {
            b.append(" when '").append(byLabel.get(i).code()).append("' then ").append(i);
        }
        return b.append(" else ").append(byLabel.size()).append(" end").toString();
    }

    private static void add(StringBuilder b, String predicate) {
        b.append(b.length() == 0 ? " where " : " and ").append(predicate);
    }
}
