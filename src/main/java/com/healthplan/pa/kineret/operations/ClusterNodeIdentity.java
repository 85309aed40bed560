package com.healthplan.pa.kineret.operations;

import com.healthplan.pa.kineret.plan.KineretProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Names this node of the cluster in Camunda's own records, so that operators see which node did what:
 * <ul>
 *   <li>the engine's host name ({@code ACT_HI_JOB_LOG.HOSTNAME_}, metrics) is {@code kineret.node-name};</li>
 *   <li>the job executor's lock owner ({@code ACT_RU_JOB.LOCK_OWNER_}) is {@code <node-name>:<random UUID>},
 *       unique per start even when two nodes share a name or a host.</li>
 * </ul>
 * {@code kineret.node-name} defaults to the environment variable {@code HOSTNAME}, then to the machine's host
 * name. Nodes of one cluster share one database and acquire jobs with Camunda's optimistic locking; the name
 * changes nothing in that, it only labels.
 */
@Component
public class ClusterNodeIdentity extends AbstractProcessEnginePlugin {

    private final String nodeName;
    private final String lockOwner;

    /** @param properties {@code kineret.node-name}; blank means the host name */
    public ClusterNodeIdentity(KineretProperties properties) {
        String configured = properties.nodeName();
        this.nodeName = configured == null || configured.isBlank() ? localHostName() : configured.trim();
        this.lockOwner = nodeName + ":" + UUID.randomUUID();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHostname(nodeName);
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getJobExecutor() != null) {
            configuration.getJobExecutor().setLockOwner(lockOwner);
        }
    }

    /** @return this node's name as recorded in the job log */
    public String nodeName() {
        return nodeName;
    }

    /** @return this node's job executor lock owner, {@code <node-name>:<UUID>} */
    public String lockOwner() {
        return lockOwner;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "kineret-node";
        }
    }
}
