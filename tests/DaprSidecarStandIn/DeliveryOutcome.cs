namespace DaprSidecarStandIn;

/// <summary>How the app settled one delivery, in daprd's terms.</summary>
public enum DeliveryOutcome
{
    /// <summary>2xx with an empty body, a non-JSON body, or status SUCCESS: acknowledged.</summary>
    Success,

    /// <summary>Status RETRY, a non-2xx other than 404, an unknown status, or no connection: deliver again later.</summary>
    Retry,

    /// <summary>Status DROP: give up on the event; it goes to the dead-letter topic when there is one.</summary>
    Drop,

    /// <summary>404: the route does not exist; daprd logs an error and drops the event.</summary>
    RouteNotFound,
}
