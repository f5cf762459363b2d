/**
 * The service-provider interface for transports and session stores. Apps rarely touch it; transport and store
 * authors implement it.
 */
package dev.rts.core.spi;
