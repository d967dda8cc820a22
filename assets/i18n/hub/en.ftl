# welkom-hub in a browser: texts for the organisation and the location managers.

site-name = Welkom
skip-to-content = Skip to content
language-choice = Language
language-nl = Nederlands
language-en = English
signed-in-as = Signed in as { $email }
log-out = Log out

login-title = Log in
login-intro = Log in with the email address and password the Welkom administrator gave you.
login-email = Email address
login-password = Password
login-submit = Log in
login-failed = The email address or the password is not right. Check them and try again.
login-busy = Many people are logging in at once. Try again in a minute.
login-needs-https = You can only log in over a secure connection (https://), so that nobody on the network can read your password. Ask the administrator for the https:// address.
login-throttled = Too many failed attempts. Wait { $minutes ->
    [one] a minute
   *[other] { $minutes } minutes
} and try again.
login-logged-out = You have logged out.

overview-title = Overview
overview-intro = The locations you can see.
overview-empty = There are no locations you can see yet. Ask the administrator to link you to a location.
overview-locations = Locations

location-back = Back to the overview
location-time-zone = Time zone: { $zone }
location-more-soon = This location's numbers will appear here.

error-not-found-title = Page not found
error-not-found-body = This page does not exist or you have no access to it.
error-forbidden-title = Form not accepted
error-forbidden-body = The form has expired or did not come from this page. Open the page again and try once more.
error-internal-title = Something went wrong
error-internal-body = The hub could not handle this request just now. Try again in a few minutes; if it keeps failing, tell the administrator.
error-home = Go to the start page
