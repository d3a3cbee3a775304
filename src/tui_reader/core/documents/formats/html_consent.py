"""A web page's cookie or privacy consent dialog, left out of its article.

A page saved while a consent platform's dialog was open (a browser saves the page as shown,
the dialog a script put in it) holds the dialog's text: "We value your privacy", what the
site's partners store and why, the purposes one by one.  Beside a short story the article
extractor took that text for the page's, read, searched and counted as the story's words.
:func:`consent_dropped` takes out each element a consent platform names by its class or id
(OneTrust, Cookiebot, Quantcast, TrustArc, Didomi, Usercentrics, Sourcepoint,
consentmanager, Osano, iubenda, CookieYes, Complianz, Borlabs, Google's Funding Choices) or
that a page names a cookie or consent banner, dialog or notice, but one holding the page's
article, its main part or its title: a page naming its whole body "cookie-banner-shown"
loses nothing.
"""

from __future__ import annotations

import re
from typing import Any

from tui_reader.core.documents.formats.html_elements import named_by

# A class or id of a consent dialog: a platform's, or a page's own "cookie-banner",
# "cookie_consent", "consent-popup", "gdpr-notice", "cc-window" (the cookieconsent library).
# ("privacy-notice" is none: a privacy policy's page may name its text so.)
_CONSENT_NAME = re.compile(
    r"onetrust|optanon|CybotCookiebot|qc-cmp|truste-consent|trustarc|didomi|usercentrics"
    r"|sp_message_container|cmpbox|cmpwrapper|osano-cm|iubenda-cs|cky-consent"
    r"|cmplz-cookiebanner|BorlabsCookie|fc-consent-root|(?:^|[\s_-])cc-window"
    r"|(?:cookie|consent|gdpr)[-_]?(?:banner|consent|notice|bar|popup|modal|dialog"
    r"|overlay|wall|layer)",
    re.I,
)
_HOLDING = "descendant::*[self::article or self::main or self::h1]"  # what is never dropped


def consent_dropped(page: Any) -> None:
    """Take the consent dialogs out of ``page`` (see the module)."""
    dropped = [e for e in named_by(page, _CONSENT_NAME) if not e.xpath(_HOLDING)]
    for element in dropped:
        if element.getparent() is not None:
            element.drop_tree()  # its tail stays
