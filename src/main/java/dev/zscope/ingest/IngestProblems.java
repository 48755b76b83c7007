package dev.zscope.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.HandlerMethod;

/**
 * Turns the API's refusals into RFC 9457 problem bodies: the status, a title, a detail that names the
 * row and the reason, and {@code row} and {@code field} members. Only for this package's controllers,
 * so the rest of the application keeps Spring's defaults.
 */
@RestControllerAdvice(assignableTypes = {PointsController.class, SeriesController.class, AnomaliesController.class,
        HintsController.class})
class IngestProblems {

    private static final Logger log = LoggerFactory.getLogger(IngestProblems.class);

    private final IngestMeters meters;

    IngestProblems(IngestMeters meters) {
        this.meters = meters;
    }

    @ExceptionHandler(IngestException.class)
    ResponseEntity<ProblemDetail> refused(IngestException e, HandlerMethod handler) {
        if (handler.getBeanType() == PointsController.class) {
            meters.rejected(e.title());
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        if (e.row() > 0) {
            problem.setProperty("row", e.row());
        }
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.retryAfterSeconds() > 0) {
            answer.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()));
        }
        return answer.body(problem);
    }

    /** A bug or a failing disk: logged here, since the client only learns that it failed. */
    @ExceptionHandler(RuntimeException.class)
    ResponseEntity<ProblemDetail> failed(RuntimeException e, HandlerMethod handler) {
        if (handler.getBeanType() == PointsController.class) {
            meters.rejected("Internal error");
        }
        log.error("Ingest request failed", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "the server could not process the request; see its log");
        return ResponseEntity.internalServerError().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
