using Crm.Application.Common;
using Crm.Application.Customers;
using Crm.Contracts.Customers;
using FluentValidation;

namespace Crm.Application.UnitTests;

public sealed class DefinedEnumTests
{
    private sealed record Body(CustomerKind Kind, LifecycleStage? Stage);

    private static InlineValidator<Body> Ours()
    {
        var v = new InlineValidator<Body>();
        v.RuleFor(x => x.Kind).IsDefinedEnum();
        v.RuleFor(x => x.Stage).IsDefinedEnum();
        return v;
    }

    private static InlineValidator<Body> FluentValidations()
    {
        var v = new InlineValidator<Body>();
        v.RuleFor(x => x.Kind).IsInEnum();
        v.RuleFor(x => x.Stage).IsInEnum();
        return v;
    }

    public static TheoryData<int, int?> Values() => new()
    {
        { (int)CustomerKind.Person, null },
        { (int)CustomerKind.Company, (int)LifecycleStage.Customer },
        { 99, null },
        { (int)CustomerKind.Person, -1 },
        { 7, 42 },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void AnswersAsFluentValidationsIsInEnumDoes(int kind, int? stage)
    {
        var body = new Body((CustomerKind)kind, (LifecycleStage?)stage);
        var ours = Ours().Validate(body).Errors.Select(e => (e.PropertyName, e.ErrorCode, e.ErrorMessage)).ToList();
        var theirs = FluentValidations().Validate(body).Errors.Select(e => (e.PropertyName, e.ErrorCode, e.ErrorMessage)).ToList();
        ours.ShouldBe(theirs);
    }

    [Flags]
    private enum Days { Monday = 1, Tuesday = 2 }

    [Fact]
    public void AFlagsEnumIsRefusedWhenTheRuleIsBuilt() =>
        Should.Throw<ArgumentException>(() => new InlineValidator<Days>().RuleFor(x => x).IsDefinedEnum());

    [Fact]
    public void ACustomerBodyWithAnUnknownKindIsRefusedNamingTheField()
    {
        var errors = new CustomerInputValidator().Validate(new CustomerInput { Name = "Ana", Kind = (CustomerKind)99 }).Errors;
        errors.ShouldHaveSingleItem().PropertyName.ShouldBe("Kind");
        errors[0].ErrorMessage.ShouldContain("99");
    }
}
