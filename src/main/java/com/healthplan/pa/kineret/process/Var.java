package com.healthplan.pa.kineret.process;

import java.util.Objects;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * A typed process variable of {@code kineret-prior-authorization}: its name (which running instances store and the
 * BPMN model, forms and decision tables read, so it never changes) and the Java type the application reads and
 * writes it as. Every read and write of a process or task variable in the application goes through one of the
 * constants of {@link ProcessVariables}.
 *
 * @param name     the variable's name, as stored by the engine
 * @param type     the Java type of its value (for a generic type such as {@code List<Map<String, Object>>}, its raw
 *                 class, see {@link #of(String, Class)})
 * @param <T>      the value type
 */
public record Var<T>(String name, Class<?> type) {

    /** @throws NullPointerException when name or type is null */
    public Var {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /**
     * @param name the variable's name
     * @param type its value's class
     * @return the variable
     */
    public static <T> Var<T> of(String name, Class<T> type) {
        return new Var<>(name, type);
    }

    /**
     * A variable of a generic type, e.g. {@code Var.<List<Map<String, Object>>>generic("diagnosisCriteria", List.class)}:
     * its value is checked against the raw class only.
     */
    public static <T> Var<T> generic(String name, Class<?> rawType) {
        return new Var<>(name, rawType);
    }

    /**
     * @param scope an execution or task
     * @return the variable's value visible from the scope (Camunda's scope lookup), or null when it is not set
     * @throws ProcessEngineException when the value is not of {@link #type()} (an incident, or a rollback)
     */
    @SuppressWarnings("unchecked")
    public T from(VariableScope scope) {
        Object value = scope.getVariable(name);
        if (value != null && !type.isInstance(value)) {
            throw new ProcessEngineException("Process variable " + name + " holds a " + value.getClass().getName()
                    + ", not a " + type.getName());
        }
        return (T) value;
    }

    /**
     * The value as written, whatever its type: for variables a caller may write (a reviewer's form fields), which
     * the application validates itself.
     *
     * @param scope an execution or task
     * @return the raw value, or null when not set
     */
    public Object raw(VariableScope scope) {
        return scope.getVariable(name);
    }

    /**
     * Sets the variable (Camunda's {@link VariableScope#setVariable}: where it exists up the scope hierarchy, else on
     * the process instance).
     */
    public void set(VariableScope scope, T value) {
        scope.setVariable(name, value);
    }

    /**
     * Adds the variable to a map of variables (a process start, a message correlation).
     *
     * @return the same map
     */
    public VariableMap put(VariableMap variables, T value) {
        return variables.putValue(name, value);
    }
}
