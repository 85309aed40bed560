package com.healthplan.pa.kineret.config;

import camundajar.impl.scala.collection.immutable.Map;
import camundajar.impl.scala.runtime.BoxesRunTime;
import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;
import org.springframework.stereotype.Component;

/**
 * FEEL for the decision tables with each expression parsed once. Camunda's FEEL integration
 * ({@link ScalaFeelEngine}, Camunda 7.24 with feel-scala 1.19) parses the text of every input entry, input
 * expression and output entry at every evaluation; here the parse result of each distinct text is kept (a
 * Caffeine cache, at most {@value #MAXIMUM_EXPRESSIONS} texts, least recently used dropped first) and only the
 * evaluation runs each time. Evaluation, variables, value mapping (Java and Spin) and errors are Camunda's own:
 * the same {@code org.camunda.feel.FeelEngine} evaluates the same parsed expression against the same context
 * as {@code evalUnaryTests}/{@code evalExpression} would.
 *
 * <p>A text that does not parse stays a failure: the cached parse failure gives the same
 * {@code FeelException} (DMN-01002-style message of Camunda's {@code ScalaFeelLogger}) at each evaluation.
 *
 * <p>Source: DMN 1.3 (OMG) section 10, FEEL unary tests and simple expressions; the open feel-scala issue
 * #1149 describes the parse at every evaluation. Measured effect: {@code bench/README.md}.
 */
@Component
public class FeelExpressionCache extends AbstractProcessEnginePlugin {

    /** Upper bound of distinct expression texts kept parsed (the deployed tables hold about a thousand). */
    public static final int MAXIMUM_EXPRESSIONS = 10_000;

    /**
     * Gives the process engine a DMN engine configuration whose FEEL engine keeps parsed expressions, unless
     * one was configured already. Everything else of the DMN configuration stays Camunda's default (the engine
     * adds its history, expression and script settings to it when it builds the DMN engine).
     */
    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getDmnEngineConfiguration() == null) {
            configuration.setDmnEngineConfiguration(dmnEngineConfiguration());
        }
    }

    /**
     * @return Camunda's default DMN engine configuration with the caching FEEL engine factory, for engines built
     *         outside Spring (decision table tests, the benchmark)
     */
    public static DefaultDmnEngineConfiguration dmnEngineConfiguration() {
        DefaultDmnEngineConfiguration dmn =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        dmn.setFeelEngineFactory(new Factory());
        return dmn;
    }

    /** Creates {@link CachingScalaFeelEngine}s (no custom FEEL functions, as the application defines none). */
    public static final class Factory implements FeelEngineFactory {
        @Override
        public FeelEngine createInstance() {
            return new CachingScalaFeelEngine();
        }
    }

    /**
     * Camunda's Scala FEEL engine with parse results kept per expression text. Thread-safe: parsed expressions
     * are immutable and the feel-scala engine is shared between threads by Camunda already.
     */
    public static final class CachingScalaFeelEngine extends ScalaFeelEngine {

        private final Cache<String, Either<Failure, ParsedExpression>> unaryTests =
                Caffeine.newBuilder().maximumSize(MAXIMUM_EXPRESSIONS).build();
        private final Cache<String, Either<Failure, ParsedExpression>> expressions =
                Caffeine.newBuilder().maximumSize(MAXIMUM_EXPRESSIONS).build();

        /** An engine without custom FEEL functions. */
        public CachingScalaFeelEngine() {
            super(List.of());
        }

        /**
         * @param expression       a FEEL simple expression (input expression, output entry)
         * @param variableContext  the decision's variables
         * @return the value, mapped to Java as Camunda maps it
         * @throws org.camunda.bpm.dmn.feel.impl.FeelException when the text does not parse or evaluation fails
         */
        @Override
        @SuppressWarnings("unchecked")
        public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
            Either<Failure, ParsedExpression> parsed = expressions.get(expression, feelEngine::parseExpression);
            VariableProvider variables = new ContextVariableWrapper(variableContext);
            return (T) valueOf(parsed, new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return variables;
                }
            });
        }

        /**
         * @param expression      FEEL unary tests (an input entry), e.g. {@code "RA","CAPS"} or {@code >= 18}
         * @param inputVariable   name under which the input value is found ({@code cellInput})
         * @param variableContext the decision's variables, the input value among them
         * @return whether the input value satisfies the tests
         * @throws org.camunda.bpm.dmn.feel.impl.FeelException when the text does not parse or evaluation fails
         */
        @Override
        public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
            Either<Failure, ParsedExpression> parsed = unaryTests.get(expression, feelEngine::parseUnaryTests);
            VariableProvider input = new VariableProvider.StaticVariableProvider(
                    new Map.Map1<String, Object>(INPUT_VARIABLE_NAME, inputVariable));
            VariableProvider composite = new VariableProvider.CompositeVariableProvider(
                    toScalaList(input, new ContextVariableWrapper(variableContext)));
            return BoxesRunTime.unboxToBoolean(valueOf(parsed, new CustomContext() {
                @Override
                public VariableProvider variableProvider() {
                    return composite;
                }
            }));
        }

        private Object valueOf(Either<Failure, ParsedExpression> parsed, CustomContext context) {
            Either<Failure, Object> result = parsed instanceof Right<Failure, ParsedExpression> r
                    ? feelEngine.eval(r.value(), context)
                    : new Left<>(((Left<Failure, ParsedExpression>) parsed).value());
            if (result instanceof Right<Failure, Object> value) {
                return value.value();
            }
            throw LOGGER.evaluationException(((Left<Failure, Object>) result).value().message());
        }
    }
}
