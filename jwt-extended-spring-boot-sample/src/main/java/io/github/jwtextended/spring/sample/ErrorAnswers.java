package io.github.jwtextended.spring.sample;

import io.github.jwtextended.example.login.LoginBody;
import io.github.jwtextended.example.login.LoginThrottle;
import io.github.jwtextended.example.request.BodyLimit;
import io.github.jwtextended.example.storage.StorageException;
import io.github.jwtextended.log.LogText;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.util.Map;
import java.util.UUID;

/**
 * Every failure as {@code {"msg": ...}}, as the example server answers: refused logins and bodies
 * (4xx, their message; 429 with {@code Retry-After} from the login limit), a database outage (503 "Service temporarily unavailable"), Spring's own
 * refusals (404 "Not Found", 405 "Method Not Allowed", ...: the status's reason), and anything
 * unexpected (500 "Internal server error", logged by kind and an id only). Token failures and
 * authorization refusals never come here: Spring Security's chain answers them with the starter's answers. {@code /error} answers what reaches the container.
 *
 * <p>Thread safety: stateless.
 */
@RestControllerAdvice
@RestController
public class ErrorAnswers implements ErrorController {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

    @ExceptionHandler(LoginBody.Refused.class)
    public ResponseEntity<Map<String, String>> refused(LoginBody.Refused e) {
        return message(e.status(), e.getMessage());
    }

    /** The login limit: 429 with {@code Retry-After}. */
    @ExceptionHandler(LoginThrottle.TooManyAttempts.class)
    public ResponseEntity<Map<String, String>> tooManyAttempts(LoginThrottle.TooManyAttempts e) {
        return ResponseEntity.status(429).header("Retry-After", Long.toString(e.retryAfter()))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("msg", e.getMessage()));
    }

    /**
     * Method security's refusals ({@code @PreAuthorize}, {@code @JwtFresh}) go back to Spring
     * Security, whose access-denied handler answers them: the core's answer for a token failure,
     * else 403 with the chain's message ({@link SecurityConfiguration}).
     */
    @ExceptionHandler(AccessDeniedException.class)
    public void accessDenied(AccessDeniedException e) {
        throw e;
    }

    @ExceptionHandler(StorageException.class)
    public ResponseEntity<Map<String, String>> storage(StorageException e, HttpServletRequest request) {
        LOG.warn("database unavailable on {} {}: {}", LogText.escape(request.getMethod()), LogText.escape(request.getRequestURI()), e.getMessage());
        return message(503, "Service temporarily unavailable");
    }

    /** Spring MVC's refusals (no route, wrong method, ...: an {@link ErrorResponse}): the status and its reason; else 500. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Map<String, String>> other(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse refusal && refusal.getStatusCode().value() < 500) {
            int status = refusal.getStatusCode().value();
            return ResponseEntity.status(status).headers(refusal.getHeaders()) // e.g. Allow on a 405
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("msg", reason(status)));
        }
        String id = UUID.randomUUID().toString().substring(0, 8);
        // No exception name or stack trace at the default level; at DEBUG the exception follows under the same id.
        LOG.error("internal error {} on {} {}", id, LogText.escape(request.getMethod()), LogText.escape(request.getRequestURI()));
        LOG.debug("internal error " + id, e);
        return message(500, "Internal server error");
    }

    /** What the container forwards to {@code /error} (e.g. a request it refused before MVC). */
    @RequestMapping("/error")
    public ResponseEntity<Map<String, String>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i && i >= 400 ? i : 500;
        if (status == 400 && request.getAttribute(BodyLimitFilter.UNREADABLE_ATTRIBUTE) != null) {
            return message(400, BodyLimit.UNREADABLE_MESSAGE);
        }
        return message(status, status == 500 ? "Internal server error" : reason(status));
    }

    static ResponseEntity<Map<String, String>> message(int status, String msg) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(Map.of("msg", msg));
    }

    private static String reason(int status) {
        HttpStatus s = HttpStatus.resolve(status);
        return s == null ? "Error" : s.getReasonPhrase();
    }
}
