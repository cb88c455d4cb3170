namespace Crm.Domain.Customers;

public enum CustomerKind
{
    Company,
    Person,
}

public enum CustomerType
{
    Customer,
    Prospect,
    Lead,
    Supplier,
    Partner,
}

public enum LifecycleStage
{
    Subscriber,
    Lead,
    Qualified,
    Opportunity,
    Customer,
    Evangelist,
    Other,
}
