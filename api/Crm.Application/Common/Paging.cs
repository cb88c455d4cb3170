using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;

namespace Crm.Application.Common;

/// <summary>Keyset-pagination limits and the opaque cursor.</summary>
public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Encodes the last row's sort key and id. Not a secret: a forged cursor can only move the page start.</summary>
    public static string Encode(string sort, string key, Guid id)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new CursorData { S = sort, K = key, I = id });
        return Base64Url.EncodeToString(json);
    }

    public static (string Key, Guid Id) Decode(string cursor, string sort)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            var data = JsonSerializer.Deserialize<CursorData>(bytes);
            if (data is null || data.S != sort || data.K is null)
            {
                throw new BadRequestException("cursor", Texts.Get("paging.cursorForeign"));
            }

            return (data.K, data.I);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException)
        {
            throw new BadRequestException("cursor", Texts.Get("paging.cursorInvalid"));
        }
    }

    public static string Key(DateTimeOffset value) => value.UtcTicks.ToString(CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string key) =>
        long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks >= 0 && ticks <= DateTimeOffset.MaxValue.UtcTicks
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : throw new BadRequestException("cursor", Texts.Get("paging.cursorInvalid"));

    private sealed class CursorData
    {
        public string? S { get; set; }

        public string? K { get; set; }

        public Guid I { get; set; }
    }
}
