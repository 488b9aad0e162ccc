package org.lmsregistry.web.interfaces.web;

import jakarta.enterprise.context.RequestScoped;
import jakarta.faces.context.FacesContext;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lmsregistry.model.code.CodeList;
import org.lmsregistry.model.code.FnclccGrade;
import org.lmsregistry.model.code.PrimaryLocation;
import org.lmsregistry.web.application.InvalidInputException;
import org.lmsregistry.web.patient.ClinicalRecordService;
import org.lmsregistry.web.patient.Page;
import org.lmsregistry.web.patient.PatientEntry;
import org.lmsregistry.web.patient.PatientOrder;
import org.lmsregistry.web.patient.PatientSearchWords;
import org.lmsregistry.web.security.CurrentCaller;

/**
 * The patients of the coordinator's site, a page at a time from the database: search words,
 * filters, order and page are all in the page's address ({@code ?q=uterus+2019&sort=age&dir=desc&page=2}),
 * so a list can be bookmarked and the back button returns to the previous list. Searching is a GET:
 * it changes nothing.
 */
@Named
@RequestScoped
public class PatientListPage {

    static final List<Integer> PAGE_SIZES = List.of(10, 25, 50, 100);
    private static final int DEFAULT_SIZE = 25;

    @Inject
    ClinicalRecordService records;

    @Inject
    CurrentCaller caller;

    // the address, as typed (kept for the form even when wrong)
    private String q;
    private String location;
    private String grade;
    private String from;
    private String to;
    private String sort;
    private String dir;
    private String page;
    private String size;

    // what was read from it
    private Integer yearFrom;
    private Integer yearTo;
    private PatientOrder order = PatientOrder.DEFAULT;
    private int pageNumber = 1;
    private int pageSize = DEFAULT_SIZE;
    private Page<PatientEntry> result = new Page<>(List.of(), 0, 0, DEFAULT_SIZE);
    private final List<String> problems = new ArrayList<>();

    /** Reads the address; a wrong value is named and nothing is listed. */
    public void load() {
        location = codeOrProblem(location, PrimaryLocation.values(), "Primary location");
        grade = codeOrProblem(grade, FnclccGrade.values(), "FNCLCC grade");
        yearFrom = yearOrProblem(from, "Diagnosed from year");
        yearTo = yearOrProblem(to, "Diagnosed until year");
        if (sort != null && !sort.isBlank()) {
            PatientOrder.Column column = PatientOrder.Column.ofParam(sort).orElse(null);
            if (column == null) {
                problems.add("Sort: '" + sort + "' is not a column of the list.");
            } else {
                order = new PatientOrder(column, "desc".equals(dir));
            }
        }
        pageNumber = positiveOrProblem(page, 1, "Page");
        pageSize = positiveOrProblem(size, DEFAULT_SIZE, "Rows per page");
        if (!PAGE_SIZES.contains(pageSize)) {
            problems.add("Rows per page: " + pageSize + " is not one of " + PAGE_SIZES + ".");
        }
        PatientSearchWords words = PatientSearchWords.NONE;
        try {
            words = PatientSearchWords.parse(q);
        } catch (InvalidInputException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> Pages.error(null, p));
            return;
        }
        String site = caller.get().siteCode();
        result = records.list(site, location, grade, yearFrom, yearTo, words, order, (pageNumber - 1) * pageSize,
                pageSize);
        if (result.items().isEmpty() && result.total() > 0) {
            // a bookmarked page past the end (fewer patients now): the last page
            pageNumber = getPageCount();
            result = records.list(site, location, grade, yearFrom, yearTo, words, order,
                    (pageNumber - 1) * pageSize, pageSize);
        }
    }

    private String codeOrProblem(String code, CodeList[] codes, String field) {
        if (code == null || code.isBlank()) {
            return null;
        }
        if (Arrays.stream(codes).noneMatch(c -> c.code().equals(code))) {
            problems.add(field + ": '" + code + "' is not a code of the list.");
            return null;
        }
        return code;
    }

    private Integer yearOrProblem(String text, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!text.strip().matches("[0-9]{4}")) {
            problems.add(field + ": '" + text + "' is not a year; enter a year such as 2015.");
            return null;
        }
        return Integer.valueOf(text.strip());
    }

    private int positiveOrProblem(String text, int otherwise, String field) {
        if (text == null || text.isBlank()) {
            return otherwise;
        }
        if (!text.matches("[1-9][0-9]{0,5}")) {
            problems.add(field + ": '" + text + "' is not a positive number.");
            return otherwise;
        }
        return Integer.parseInt(text);
    }

    public List<PatientEntry> getPatients() {
        return result.items();
    }

    public long getTotal() {
        return result.total();
    }

    public boolean isFailed() {
        return !problems.isEmpty();
    }

    public int getPageNumber() {
        return pageNumber;
    }

    public int getPageCount() {
        return (int) Math.max(1, (result.total() + pageSize - 1) / pageSize);
    }

    /** "26-50 of 73 patients". */
    public String getRange() {
        if (result.total() == 0) {
            return "No patient matches.";
        }
        long first = (long) (pageNumber - 1) * pageSize + 1;
        long last = first + result.items().size() - 1;
        return first + "-" + last + " of " + result.total() + (result.total() == 1 ? " patient" : " patients");
    }

    /** The address of another page of the same list. */
    public String pageLink(int number) {
        return link(order, number, pageSize);
    }

    /** The address of the list sorted by a column: up, or down when it is already sorted up by it. */
    public String sortLink(String column) {
        PatientOrder.Column c = PatientOrder.Column.ofParam(column).orElseThrow();
        boolean descending = order.column() == c && !order.descending();
        return link(new PatientOrder(c, descending), 1, pageSize);
    }

    /** {@code ascending}, {@code descending} or {@code none}: the header's aria-sort. */
    public String ariaSort(String column) {
        if (order.column().param().equals(column)) {
            return order.descending() ? "descending" : "ascending";
        }
        return "none";
    }

    /** The arrow beside the sorted column's name (decoration; aria-sort tells screen readers). */
    public String sortMark(String column) {
        return switch (ariaSort(column)) {
            case "ascending" -> "\u25B2";
            case "descending" -> "\u25BC";
            default -> "";
        };
    }

    private String link(PatientOrder o, int number, int rows) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("q", q);
        params.put("location", location);
        params.put("grade", grade);
        params.put("from", from);
        params.put("to", to);
        if (!o.equals(PatientOrder.DEFAULT)) {
            params.put("sort", o.column().param());
            params.put("dir", o.descending() ? "desc" : "asc");
        }
        if (number > 1) {
            params.put("page", Integer.toString(number));
        }
        if (rows != DEFAULT_SIZE) {
            params.put("size", Integer.toString(rows));
        }
        StringBuilder b = new StringBuilder(FacesContext.getCurrentInstance().getExternalContext()
                .getRequestContextPath()).append("/app/site/patients.xhtml");
        char sep = '?';
        for (var e : params.entrySet()) {
            if (e.getValue() != null && !e.getValue().isBlank()) {
                b.append(sep).append(e.getKey()).append('=')
                        .append(URLEncoder.encode(e.getValue().strip(), StandardCharsets.UTF_8));
                sep = '&';
            }
        }
        return b.toString();
    }

    public List<? extends CodeList> getLocations() {
        return Arrays.asList(PrimaryLocation.values());
    }

    public List<? extends CodeList> getGrades() {
        return Arrays.asList(FnclccGrade.values());
    }

    /** The rows per page in effect, for the form's choice. */
    public String getRowsPerPage() {
        return Integer.toString(pageSize);
    }

    public List<Integer> getPageSizes() {
        return PAGE_SIZES;
    }

    /** The label of a primary location code, for the table. */
    public String locationLabel(String code) {
        if (code == null) {
            return "";
        }
        for (PrimaryLocation l : PrimaryLocation.values()) {
            if (l.code().equals(code)) {
                return l.label();
            }
        }
        return code;
    }

    /** The sort state as hidden fields of the search form (a new search keeps the order). */
    public String getSort() {
        return sort;
    }

    public void setSort(String sort) {
        this.sort = sort;
    }

    public String getDir() {
        return dir;
    }

    public void setDir(String dir) {
        this.dir = dir;
    }

    public String getQ() {
        return q;
    }

    public void setQ(String q) {
        this.q = q;
    }

    public String getLocation() {
        return location;
    }

    public void setLocation(String location) {
        this.location = location;
    }

    public String getGrade() {
        return grade;
    }

    public void setGrade(String grade) {
        this.grade = grade;
    }

    public String getFrom() {
        return from;
    }

    public void setFrom(String from) {
        this.from = from;
    }

    public String getTo() {
        return to;
    }

    public void setTo(String to) {
        this.to = to;
    }

    public String getPage() {
        return page;
    }

    public void setPage(String page) {
        this.page = page;
    }

    public String getSize() {
        return size;
    }

    public void setSize(String size) {
        this.size = size;
    }
}
