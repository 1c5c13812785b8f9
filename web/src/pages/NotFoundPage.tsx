import { Link } from 'react-router';

export default function NotFoundPage() {
  return (
    <section className="page narrow" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p className="muted">There is nothing at this address.</p>
      <p>
        <Link to="/markets" className="button primary">
          Browse the markets
        </Link>
      </p>
    </section>
  );
}
