package kd.evaluator.service;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import kd.common.events.RunValidator;
import kd.common.store.ObjectKeys;
import kd.common.store.ObjectStore;

/** Serves each run's report and charts from the store: {@code /reports/<run>/report.html}. */
@Path("/reports")
public class ReportResource {

    @Inject ObjectStore store;

    @GET
    @Path("{run}/{file}")
    public Response file(@PathParam("run") String run, @PathParam("file") String file) {
        if (!RunValidator.validRunId(run)
                || !file.matches("[A-Za-z0-9][A-Za-z0-9._-]*\\.(html|png)")) {
            throw new NotFoundException();
        }
        String key = ObjectKeys.run(run, "report/" + file);
        if (!store.exists(key)) {
            throw new NotFoundException();
        }
        String type = file.endsWith(".html") ? "text/html; charset=utf-8" : "image/png";
        return Response.ok(store.get(key), type).build();
    }
}
