namespace Crm.Contracts.Customers;

/// <summary>Which field identifies an existing record (customer or contact) in a batch upsert.</summary>
public enum MatchOn
{
    /// <summary>Match on the (normalised) email.</summary>
    Email,

    /// <summary>Match on the external id.</summary>
    ExternalId,
}

/// <summary>Up to 1,000 customers to create or update in one call.</summary>
public sealed record CustomerBatchRequest
{
    /// <summary>The field that finds the existing customer. Every item must have it.</summary>
    public MatchOn MatchOn { get; init; } = MatchOn.Email;

    /// <summary>
    /// The customers, 1–1,000; same shape as POST /customers. An item that matches a customer is a merge patch of it:
    /// what the item leaves out is kept, null clears.
    /// </summary>
    public IReadOnlyList<CustomerInput>? Items { get; init; }
}

/// <summary>What happened to one item of a batch.</summary>
public enum BatchItemStatus
{
    /// <summary>A new record was created.</summary>
    Created,

    /// <summary>The matching record was changed.</summary>
    Updated,

    /// <summary>The matching record already had exactly the values the item carries.</summary>
    Unchanged,

    /// <summary>The item failed validation; see errors. Nothing was written for it.</summary>
    Invalid,

    /// <summary>The item collides with another record or its match is archived; see errors.</summary>
    Conflict,
}

/// <summary>The outcome of one item.</summary>
public sealed record BatchItemResult
{
    /// <summary>Position of the item in the request.</summary>
    public int Index { get; init; }

    /// <summary>What happened.</summary>
    public BatchItemStatus Status { get; init; }

    /// <summary>The record's id (created, updated, unchanged or the one it conflicts with).</summary>
    public Guid? Id { get; init; }

    /// <summary>Field → messages, for invalid and conflicting items.</summary>
    public IReadOnlyDictionary<string, string[]>? Errors { get; init; }
}

/// <summary>Per-item outcomes and totals.</summary>
public sealed record CustomerBatchResponse
{
    /// <summary>One result per item, in request order.</summary>
    public IReadOnlyList<BatchItemResult> Results { get; init; } = [];

    /// <summary>Items created.</summary>
    public int Created { get; init; }

    /// <summary>Items updated.</summary>
    public int Updated { get; init; }

    /// <summary>Items that changed nothing.</summary>
    public int Unchanged { get; init; }

    /// <summary>Items rejected (invalid or conflict).</summary>
    public int Rejected { get; init; }
}

/// <summary>Up to 1,000 contacts to create or update in one call.</summary>
public sealed record ContactBatchRequest
{
    /// <summary>The field that finds the existing contact. Every item must have it.</summary>
    public MatchOn MatchOn { get; init; } = MatchOn.Email;

    /// <summary>
    /// The contacts, 1–1,000; same shape as POST /contacts. An item that matches a contact is a merge patch of it:
    /// what the item leaves out is kept, null clears.
    /// </summary>
    public IReadOnlyList<ContactInput>? Items { get; init; }
}

/// <summary>Per-item outcomes and totals.</summary>
public sealed record ContactBatchResponse
{
    /// <summary>One result per item, in request order.</summary>
    public IReadOnlyList<BatchItemResult> Results { get; init; } = [];

    /// <summary>Items created.</summary>
    public int Created { get; init; }

    /// <summary>Items updated.</summary>
    public int Updated { get; init; }

    /// <summary>Items that changed nothing.</summary>
    public int Unchanged { get; init; }

    /// <summary>Items rejected (invalid or conflict).</summary>
    public int Rejected { get; init; }
}
