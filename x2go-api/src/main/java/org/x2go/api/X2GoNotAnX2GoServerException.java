package org.x2go.api;

/**
 * The SSH server accepted the connection but is not an X2Go server: {@code x2gofeaturelist} is missing
 * or lists nothing (python-x2go/pyhoca-cli: "does not have the X2Go Server software installed").
 *
 * <p>A {@link X2GoConnectionException} of reason {@link X2GoConnectionException.Reason#NOT_X2GO_SERVER NOT_X2GO_SERVER}.
 */
public class X2GoNotAnX2GoServerException extends X2GoControlSessionException {
    private static final long serialVersionUID = 1L;

    /** @param message names the server and what was missing */
    public X2GoNotAnX2GoServerException(String message) {
        super(Reason.NOT_X2GO_SERVER, message, null);
    }
}
