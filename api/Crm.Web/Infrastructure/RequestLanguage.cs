using System.Globalization;
using Crm.Application.Common;
using Microsoft.AspNetCore.Localization;
using Microsoft.Net.Http.Headers;

namespace Crm.Web.Infrastructure;

/// <summary>
/// The language of the API's own texts (<see cref="Texts"/>): the best of Accept-Language (q-values honoured,
/// <c>pt-BR</c> is pt) among the SPA's languages, else English. Only the UI culture follows the header; the formatting
/// culture stays the process's, so nothing but the worded texts changes with it.
/// </summary>
public static class RequestLanguage
{
    public static void Configure(RequestLocalizationOptions options)
    {
        var process = CultureInfo.CurrentCulture;
        options.DefaultRequestCulture = new RequestCulture(process, Texts.English);
        options.SupportedCultures = [process];
        options.SupportedUICultures = [.. Texts.Languages.Select(CultureInfo.GetCultureInfo)];
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders = [new AcceptLanguageHeaderRequestCultureProvider()];
    }

    /// <summary>
    /// A problem's body is worded in the request's language: say which (Content-Language), and that another
    /// Accept-Language gets another body (Vary), so no cache hands one language's answer to another.
    /// </summary>
    public static void Declare(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentLanguage = CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? name : Texts.English.Name;
        foreach (var vary in headers.Vary)
        {
            if (vary?.Contains(HeaderNames.AcceptLanguage, StringComparison.OrdinalIgnoreCase) == true)
            {
                return;
            }
        }

        headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
    }

    /// <summary>An endpoint whose successful answer holds worded texts (a batch's item errors) declares its language too.</summary>
    public static RouteHandlerBuilder WordedInRequestLanguage(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter((context, next) =>
        {
            Declare(context.HttpContext.Response);
            return next(context);
        });
}
