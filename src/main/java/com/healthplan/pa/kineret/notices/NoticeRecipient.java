package com.healthplan.pa.kineret.notices;

/** Who a determination notice is addressed to: every determination has one notice for each. */
public enum NoticeRecipient {
    /** The prescriber who sent the request (identified by NPI). */
    PRESCRIBER,
    /** The member the request is for (identified by member id only). */
    MEMBER
}
