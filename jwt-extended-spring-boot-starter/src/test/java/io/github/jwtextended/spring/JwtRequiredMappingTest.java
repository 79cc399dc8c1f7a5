package io.github.jwtextended.spring;

import io.github.jwtextended.config.TokenLocation;
import io.github.jwtextended.fixtures.GuardComponents;
import io.github.jwtextended.verify.Guard;
import org.junit.jupiter.api.Test;
import org.springframework.core.annotation.MergedAnnotation;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link JwtRequired} is the core {@link Guard} in annotation form: these checks fail as soon as a
 * component is added to, renamed in or removed from either, or mapped to the wrong attribute.
 */
class JwtRequiredMappingTest {
    @Test
    void theAttributesAreTheGuardComponentsByName() {
        List<String> components = GuardComponents.all().stream().map(RecordComponent::getName).toList();
        List<String> attributes = Arrays.stream(JwtRequired.class.getDeclaredMethods()).map(Method::getName).toList();
        assertThat(attributes).containsExactlyInAnyOrderElementsOf(components);
    }

    @Test
    void eachAttributeHasItsComponentsTypeAndTheDefaultOfGuardRequired() throws Exception {
        for (RecordComponent c : GuardComponents.all()) {
            Method attribute = JwtRequired.class.getDeclaredMethod(c.getName());
            Object defaultValue = attribute.getDefaultValue();
            if (c.getType() == List.class) {
                Class<?> element = (Class<?>) ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
                assertThat(attribute.getReturnType().getComponentType()).as(c.getName()).isEqualTo(element);
                defaultValue = List.of((Object[]) defaultValue);
            } else {
                assertThat(attribute.getReturnType()).as(c.getName()).isEqualTo(c.getType());
            }
            assertThat(defaultValue).as(c.getName()).isEqualTo(GuardComponents.valueOf(Guard.required(), c.getName()));
        }
        assertThat(JwtRequiredInterceptor.guard(annotation(Map.of()))).isEqualTo(Guard.required());
    }

    /** Setting one attribute sets the component of its name and no other. */
    @Test
    void eachAttributeSetsTheComponentOfItsName() {
        for (RecordComponent c : GuardComponents.all()) {
            Object guardValue;
            Object attributeValue;
            if (c.getType() == List.class) {
                guardValue = List.of(TokenLocation.COOKIES, TokenLocation.QUERY_STRING);
                attributeValue = new TokenLocation[]{TokenLocation.COOKIES, TokenLocation.QUERY_STRING};
            } else {
                guardValue = !(Boolean) GuardComponents.valueOf(Guard.required(), c.getName());
                attributeValue = guardValue;
            }
            JwtRequired a = annotation(Map.of(c.getName(), attributeValue));
            assertThat(JwtRequiredInterceptor.guard(a)).as(c.getName()).isEqualTo(GuardComponents.requiredWith(c.getName(), guardValue));
        }
    }

    private static JwtRequired annotation(Map<String, Object> attributes) {
        return MergedAnnotation.of(JwtRequired.class, attributes).synthesize();
    }
}
