package org.lmsregistry.web.interfaces.rest;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.lmsregistry.model.dictionary.DataDictionary;
import org.lmsregistry.web.application.MalformedRequestException;

/**
 * The data dictionary (REDCap style), generated from the model's field definitions: JSON by default,
 * {@code ?format=csv} for the CSV file. Public: sites prepare their exports with it.
 */
@Path("dictionary")
@RequestScoped
public class DictionaryResource {

    private static final String JSON = DataDictionary.json();
    private static final String CSV = DataDictionary.csv();

    @GET
    public Response get(@QueryParam("format") String format) {
        if (format == null || format.equals("json")) {
            return Response.ok(JSON, "application/json;charset=UTF-8").build();
        }
        if (format.equals("csv")) {
            return Response.ok(CSV, "text/csv;charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + DataDictionary.CSV_FILE + "\"").build();
        }
        throw new MalformedRequestException("format is json or csv.");
    }
}
