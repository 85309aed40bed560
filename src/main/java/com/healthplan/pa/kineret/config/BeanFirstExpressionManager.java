package com.healthplan.pa.kineret.config;

import org.camunda.bpm.engine.spring.ApplicationContextElResolver;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.camunda.bpm.impl.juel.jakarta.el.CompositeELResolver;
import org.camunda.bpm.impl.juel.jakarta.el.ELResolver;
import org.springframework.context.ApplicationContext;

/**
 * Camunda's Spring expression manager with one change: an identifier that names a Spring bean resolves to the bean
 * before any process variable of that name is looked at. Camunda's default resolves variables first, so a variable
 * {@code reviewDecisionListener} written through the REST API would replace the review rules for its instance in
 * {@code ${reviewDecisionListener}}; here such a variable is inert. Identifiers that are not bean names resolve
 * as before (variables, then Camunda's other resolvers).
 */
public class BeanFirstExpressionManager extends SpringExpressionManager {

    /** @param applicationContext where the beans are looked up */
    public BeanFirstExpressionManager(ApplicationContext applicationContext) {
        super(applicationContext);
    }

    @Override
    protected ELResolver createElResolver() {
        CompositeELResolver resolver = new CompositeELResolver();
        resolver.add(new ApplicationContextElResolver(applicationContext));
        resolver.add(super.createElResolver());
        return resolver;
    }
}
