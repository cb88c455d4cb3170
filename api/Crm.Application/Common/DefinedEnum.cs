using FluentValidation;
using FluentValidation.Validators;

namespace Crm.Application.Common;

/// <summary>
/// FluentValidation's <c>IsInEnum()</c> without its reflection: that validator looks the enum's <c>[Flags]</c>
/// attribute up on every value it checks, which was a seventh of the API's CPU while an import validated a million
/// rows. Same error code ("EnumValidator") and message; a null (an optional enum left out) is valid, as there.
/// For enums without <c>[Flags]</c> only (IsInEnum also accepts combinations of flags): the rule refuses to be
/// built on a flags enum.
/// </summary>
public static class DefinedEnum
{
    public static IRuleBuilderOptions<T, TEnum> IsDefinedEnum<T, TEnum>(this IRuleBuilder<T, TEnum> rule)
        where TEnum : struct, Enum
    {
        RefuseFlags<TEnum>();
        return rule.SetValidator(new Validator<T, TEnum>());
    }

    public static IRuleBuilderOptions<T, TEnum?> IsDefinedEnum<T, TEnum>(this IRuleBuilder<T, TEnum?> rule)
        where TEnum : struct, Enum
    {
        RefuseFlags<TEnum>();
        return rule.SetValidator(new NullableValidator<T, TEnum>());
    }

    private static void RefuseFlags<TEnum>()
        where TEnum : struct, Enum
    {
        if (typeof(TEnum).IsDefined(typeof(FlagsAttribute), inherit: false))
        {
            throw new ArgumentException($"{typeof(TEnum).Name} is a [Flags] enum: use IsInEnum(), which accepts combinations of flags.");
        }
    }

    private sealed class Validator<T, TEnum> : PropertyValidator<T, TEnum>
        where TEnum : struct, Enum
    {
        public override string Name => "EnumValidator";

        public override bool IsValid(ValidationContext<T> context, TEnum value) => Enum.IsDefined(value);

        protected override string GetDefaultMessageTemplate(string errorCode) => Localized(errorCode, Name);
    }

    private sealed class NullableValidator<T, TEnum> : PropertyValidator<T, TEnum?>
        where TEnum : struct, Enum
    {
        public override string Name => "EnumValidator";

        public override bool IsValid(ValidationContext<T> context, TEnum? value) => value is not { } v || Enum.IsDefined(v);

        protected override string GetDefaultMessageTemplate(string errorCode) => Localized(errorCode, Name);
    }
}
