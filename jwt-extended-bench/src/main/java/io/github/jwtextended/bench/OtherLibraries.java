package io.github.jwtextended.bench;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;

import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * The same HS256 work done with Nimbus JOSE+JWT ("raw": parse, MAC check, claims verifier), JJWT and
 * auth0 java-jwt, each used the way its documentation shows, with its verifier built once. Every
 * verifier checks the algorithm, the signature, {@code exp} and {@code nbf}, and returns {@code sub};
 * every creator writes {@code fresh, iat, jti, type, sub, nbf, csrf, exp}.
 *
 * <p>Thread safety: thread safe (each library's verifier and signer are).
 */
public final class OtherLibraries {
    private final JWSVerifier nimbusVerifier;
    private final JWSSigner nimbusSigner;
    private final DefaultJWTClaimsVerifier<SecurityContext> nimbusClaims;
    private final JwtParser jjwtParser;
    private final SecretKey jjwtKey;
    private final JWTVerifier auth0Verifier;
    private final Algorithm auth0Algorithm;

    public OtherLibraries(byte[] secret) {
        try {
            nimbusVerifier = new MACVerifier(secret);
            nimbusSigner = new MACSigner(secret);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        nimbusClaims = new DefaultJWTClaimsVerifier<>(null, Set.of("exp", "sub"));
        jjwtKey = Keys.hmacShaKeyFor(secret);
        jjwtParser = Jwts.parser().verifyWith(jjwtKey).build();
        auth0Algorithm = Algorithm.HMAC256(secret);
        auth0Verifier = JWT.require(auth0Algorithm).build();
    }

    public String nimbusVerify(String token) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(nimbusVerifier)) {
                throw new IllegalArgumentException("bad signature");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            nimbusClaims.verify(claims, null);
            return claims.getSubject();
        } catch (ParseException | JOSEException | BadJWTException e) {
            throw new IllegalArgumentException("invalid token", e);
        }
    }

    public String jjwtVerify(String token) {
        return jjwtParser.parseSignedClaims(token).getPayload().getSubject();
    }

    public String auth0Verify(String token) {
        return auth0Verifier.verify(token).getSubject();
    }

    public String nimbusCreate(String sub, Instant now, long lifetimeSeconds) {
        Date iat = Date.from(now);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .claim("fresh", false).issueTime(iat).jwtID(UUID.randomUUID().toString()).claim("type", "access")
                .subject(sub).notBeforeTime(iat).claim("csrf", UUID.randomUUID().toString())
                .expirationTime(Date.from(now.plusSeconds(lifetimeSeconds))).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(nimbusSigner);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    public String jjwtCreate(String sub, Instant now, long lifetimeSeconds) {
        Date iat = Date.from(now);
        return Jwts.builder().header().type("JWT").and()
                .claim("fresh", false).issuedAt(iat).id(UUID.randomUUID().toString()).claim("type", "access")
                .subject(sub).notBefore(iat).claim("csrf", UUID.randomUUID().toString())
                .expiration(Date.from(now.plusSeconds(lifetimeSeconds)))
                .signWith(jjwtKey, Jwts.SIG.HS256).compact();
    }

    public String auth0Create(String sub, Instant now, long lifetimeSeconds) {
        return JWT.create().withClaim("fresh", false).withIssuedAt(now).withJWTId(UUID.randomUUID().toString())
                .withClaim("type", "access").withSubject(sub).withNotBefore(now)
                .withClaim("csrf", UUID.randomUUID().toString()).withExpiresAt(now.plusSeconds(lifetimeSeconds))
                .sign(auth0Algorithm);
    }
}
