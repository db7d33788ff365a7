using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Academy.Web.Infrastructure;

/// <summary>Answers 405 Method Not Allowed to a request that no handler of the page takes: a POST to a page that only
/// shows something, or to a handler name it does not have. Razor Pages would otherwise render the page without running
/// any handler, with none of its data loaded.</summary>
public sealed class MethodNotAllowedFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        var request = context.HttpContext.Request;
        // A page without a handler for GET still shows itself; the error page re-executed for a POST's status keeps the POST.
        if (context.HandlerMethod is not null || HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            || context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            return;
        var allowed = context.ActionDescriptor.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant())
            .Append(HttpMethods.Get).Append(HttpMethods.Head).Distinct().Order(StringComparer.Ordinal);
        context.HttpContext.Response.Headers.Allow = string.Join(", ", allowed);
        context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
    }
}
