package io.github.jwtextended.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A record component reached from a root record type by a dotted path of component names
 * ({@code access.csrf.cookieName}): read it, or make a copy of the root with it replaced, every
 * record on the way rebuilt through its canonical constructor (so that its checks run; a refusal
 * names the component by its path from the root). What lets one table name each option once
 * ({@link Settings}) instead of one method per option.
 *
 * <p>Thread safety: immutable.
 */
final class RecordPath {
    private final List<RecordComponent> steps;

    private RecordPath(List<RecordComponent> steps) {
        this.steps = steps;
    }

    /** The path {@code dotted} from {@code root}; {@link IllegalArgumentException} when a name is no component. */
    static RecordPath of(Class<?> root, String dotted) {
        List<RecordComponent> steps = new ArrayList<>();
        Class<?> type = root;
        for (String name : dotted.split("\\.")) {
            RecordComponent found = type.isRecord() ? Arrays.stream(type.getRecordComponents())
                    .filter(c -> c.getName().equals(name)).findFirst().orElse(null) : null;
            if (found == null) {
                throw new IllegalArgumentException(dotted + ": " + type.getSimpleName() + " has no component " + name);
            }
            steps.add(found);
            type = found.getType();
        }
        return new RecordPath(List.copyOf(steps));
    }

    /** The path's last component's type ({@code boolean}, {@code Set}, ...). */
    Class<?> type() {
        return last().getType();
    }

    /** The path's last component's declared type, with its type arguments ({@code Set<JwsAlgorithm>}). */
    Type genericType() {
        return last().getGenericType();
    }

    private RecordComponent last() {
        return steps.get(steps.size() - 1);
    }

    /** The component's value in {@code root}. */
    Object get(Record root) {
        Object value = root;
        for (RecordComponent c : steps) {
            value = read(value, c);
        }
        return value;
    }

    /** A copy of {@code root} with the component set to {@code value}. */
    <R extends Record> R with(R root, Object value) {
        return with(root, 0, value);
    }

    @SuppressWarnings("unchecked")
    private <R> R with(R record, int step, Object value) {
        RecordComponent c = steps.get(step);
        Object replacement = step == steps.size() - 1 ? value : with(read(record, c), step + 1, value);
        RecordComponent[] all = record.getClass().getRecordComponents();
        Object[] args = new Object[all.length];
        Class<?>[] types = new Class<?>[all.length];
        for (int i = 0; i < all.length; i++) {
            args[i] = all[i].getName().equals(c.getName()) ? replacement : read(record, all[i]);
            types[i] = all[i].getType();
        }
        try {
            Constructor<?> canonical = record.getClass().getDeclaredConstructor(types);
            return (R) canonical.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidSettingException refused) {
                throw step == 0 ? refused : refused.inGroup(prefix(step));
            }
            throw unwrapped(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(record.getClass().getSimpleName() + " cannot be copied", e);
        }
    }

    /** The names of the first {@code n} steps: the path of the record the step-{@code n} component belongs to. */
    private String prefix(int n) {
        return String.join(".", steps.subList(0, n).stream().map(RecordComponent::getName).toList());
    }

    private static Object read(Object record, RecordComponent c) {
        try {
            return c.getAccessor().invoke(record);
        } catch (InvocationTargetException e) {
            throw unwrapped(e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(c + " cannot be read", e);
        }
    }

    private static RuntimeException unwrapped(InvocationTargetException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }

    @Override
    public String toString() {
        return prefix(steps.size());
    }
}
