namespace Crm.Contracts.Customers;

/// <summary>Whether a customer is an organisation or an individual.</summary>
public enum CustomerKind
{
    /// <summary>An organisation.</summary>
    Company,

    /// <summary>An individual.</summary>
    Person,
}

/// <summary>The relationship the organisation has with the customer.</summary>
public enum CustomerType
{
    /// <summary>Buys from us.</summary>
    Customer,

    /// <summary>Might buy from us; qualified.</summary>
    Prospect,

    /// <summary>Might buy from us; not yet qualified.</summary>
    Lead,

    /// <summary>Sells to us.</summary>
    Supplier,

    /// <summary>Works with us.</summary>
    Partner,
}

/// <summary>Marketing lifecycle stage.</summary>
public enum LifecycleStage
{
    /// <summary>Subscribed to communications.</summary>
    Subscriber,

    /// <summary>Showed interest.</summary>
    Lead,

    /// <summary>Qualified by marketing or sales.</summary>
    Qualified,

    /// <summary>A deal is open.</summary>
    Opportunity,

    /// <summary>Has bought.</summary>
    Customer,

    /// <summary>Recommends us.</summary>
    Evangelist,

    /// <summary>None of the above.</summary>
    Other,
}
