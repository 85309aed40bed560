package com.healthplan.pa.kineret.config;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Start-up guard of profile {@code prod} on what the <em>database</em> holds (the configuration is checked earlier by
 * {@link ProductionSafetyCheck}): the application refuses to start while a demo account ({@code admin},
 * {@code intake}, {@code intake2}, {@code pharmacist}, {@code physician}, {@code physician2}, {@code supervisor}) exists in Camunda's
 * identity tables with its demo password (the user name, published in the README), e.g. left over from a start
 * without {@code prod} on the same database. It runs once every bean exists, before the web server opens its port,
 * and throws {@link ProductionSafetyCheck.UnsafeProductionConfigurationException} naming the accounts (never a
 * password). Change their passwords or delete them (Admin webapp, or a start without {@code prod}) first.
 */
@Component
@Profile(ProductionSafetyCheck.PROFILE)
public class DemoAccountsCheck implements SmartInitializingSingleton {

    private final IdentityService identity;

    /** @param identity Camunda's identity service (the database's users) */
    public DemoAccountsCheck(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<String> problems = problems(identity);
        if (!problems.isEmpty()) {
            throw new ProductionSafetyCheck.UnsafeProductionConfigurationException(problems);
        }
    }

    /**
     * @return a sentence per demo account that exists with its demo password; empty when there is none
     */
    static List<String> problems(IdentityService identity) {
        List<String> problems = new ArrayList<>();
        ProductionSafetyCheck.DEMO_PASSWORDS.stream().sorted().forEach(id -> {
            if (identity.createUserQuery().userId(id).count() > 0 && identity.checkPassword(id, id)) {
                problems.add("the database holds demo account '" + id + "' with its demo password: change its "
                        + "password or delete it before starting with profile prod");
            }
        });
        return problems;
    }
}
